package io.grizz.worker.store;

import static io.grizz.worker.store.StoreSql.CONVERSATIONS;
import static io.grizz.worker.store.StoreSql.COPY_MESSAGES;
import static io.grizz.worker.store.StoreSql.MESSAGES;
import static io.grizz.worker.store.StoreSql.WRITE;
import static io.grizz.worker.store.StoreSql.WRITE_BEFORE_COPY;

import io.grizz.contracts.schema.BinaryCopyWriter;
import io.grizz.worker.store.LockingRead.StoredState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The write of a batch's reduced rows, after {@link LockingRead} has read what is stored, in
 * {@link StoreSql}'s statements.
 *
 * <p>Rows the read found are upserted, the others inserted; new messages of a large enough batch
 * are copied instead ({@link StoreSql#COPY_MESSAGES}), in {@code COPY}'s binary format. When two instances
 * race on the same row during a rebalance, the database, not the fold, has the last word: the
 * insert or the {@code COPY} clashes on the primary key, and {@link #write} sends the batch round
 * again.
 */
final class BatchWrite {

    /**
     * The fewest absent messages that go by {@code COPY} instead of {@link StoreSql#INSERT_MESSAGES}.
     * A {@code COPY} is a round trip of its own (two, in fact: pgjdbc waits for the server's
     * {@code CopyInResponse} before it sends the rows), while the insert rides in {@link StoreSql#WRITE}'s;
     * per row it costs PostgreSQL less: no arrays to take apart, no expressions, rows stored a page
     * at a time (2.2 WAL records a message in a drain instead of 3.1).
     *
     * <p>Measured ({@code CopyThresholdBenchmarkIT}: read, write and commit of new messages, ten to
     * a conversation; the backend's CPU per batch, 2-core VM under other load): 1 row, insert
     * 925 µs, copy 1,025 µs; 16 rows 1,575 and 1,150 µs; 64 rows 2,780 and 2,268 µs; 1,024 rows
     * 32.5 and 28.2 ms. The CPU breaks even by a dozen rows or so, but a batch that small is one of a
     * lightly loaded stream (steady 8,000 events/s ran batches of 40), whose latency is its round
     * trips: two more would cost it more than the CPU saved. From 64 rows on the saving is half a
     * millisecond of database time a batch and grows with it; drains and bursts (batches of hundreds
     * to thousands) all go by {@code COPY}.
     */
    static final int COPY_MIN_ROWS = 64;

    private BatchWrite() {}

    /**
     * Writes the reduced rows: a plain {@code INSERT} (or, from {@link #COPY_MIN_ROWS} messages on,
     * a {@code COPY}) of those {@link LockingRead#readAndLock} found absent, an {@code INSERT … ON CONFLICT DO
     * UPDATE} of those it found (the messages among them locked).
     *
     * <p>Absent rows skip {@code ON CONFLICT}: the read has already told they do not exist,
     * and the arbiter's extra index probe and the confirmation record a speculative insertion writes
     * per row would buy nothing. Only another writer (another instance, in a rebalance) can insert
     * one of them meanwhile; then the insert or the {@code COPY} fails on the primary key, the
     * fold's outcomes are wrong for that row, and this throws a {@link LostRace}: the batch is retried,
     * whole, and folded again over what is now stored.
     *
     * <p>Stored rows are updated through {@code ON CONFLICT}, not {@code UPDATE … FROM unnest}: a
     * join leaves the plan to statistics that lag a fast-growing table, and with them PostgreSQL
     * hashed the whole live part of {@code messages} (through V2's partial index, since dropped,
     * which the guard {@code deleted_at IS NULL} matched) to update a thousand rows, 338 ms per
     * batch and growing.
     * The upsert's {@code WHERE} guards repeat the fold's rules. With the messages locked theirs
     * always hold, and a message they refuse is treated as a race too; a conversation they refuse
     * is already further forward (see {@link StoreSql#READ_CONVERSATIONS}).
     *
     * <p>Rows go in id order, so two writers that meet on the same rows take their locks in the
     * same order and do not deadlock. The {@code COPY} comes last: the messages' foreign key needs
     * their conversations first.
     */
    static void write(
            Connection connection, StoredState stored, List<ConversationRow> conversations, List<MessageRow> messages)
            throws SQLException {
        write(connection, stored, conversations, messages, COPY_MIN_ROWS);
    }

    /** {@link #write} with another threshold for {@code COPY}: for the benchmark that chose {@link #COPY_MIN_ROWS}. */
    static void write(
            Connection connection,
            StoredState stored,
            List<ConversationRow> conversations,
            List<MessageRow> messages,
            int copyMinRows)
            throws SQLException {
        if (conversations.isEmpty() && messages.isEmpty()) {
            return;
        }
        Map<Boolean, List<ConversationRow>> conversationsByStored = conversations.stream()
                .sorted(Comparator.comparing(ConversationRow::id))
                .collect(Collectors.partitioningBy(row -> stored.conversations().containsKey(row.id())));
        Map<Boolean, List<MessageRow>> messagesByStored = messages.stream()
                .sorted(Comparator.comparing(MessageRow::id))
                .collect(Collectors.partitioningBy(row -> stored.messages().containsKey(row.id())));
        List<MessageRow> absentMessages = messagesByStored.get(false);
        List<MessageRow> changedMessages = messagesByStored.get(true);
        boolean copy = absentMessages.size() >= copyMinRows;
        if (!copy || !conversations.isEmpty() || !changedMessages.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(copy ? WRITE_BEFORE_COPY : WRITE)) {
                int next = CONVERSATIONS.bind(connection, statement, 1, conversationsByStored.get(false));
                next = CONVERSATIONS.bind(connection, statement, next, conversationsByStored.get(true));
                if (!copy) {
                    next = MESSAGES.bind(connection, statement, next, absentMessages);
                }
                MESSAGES.bind(connection, statement, next, changedMessages);
                try {
                    statement.execute();
                } catch (SQLException e) {
                    throw raceOnInsert(e);
                }
                // the results come in the statements' order; only the last, the messages' upsert, is checked
                for (int i = copy ? 2 : 3; i > 0; i--) {
                    statement.getMoreResults();
                }
                int messagesChanged = statement.getUpdateCount();
                if (messagesChanged < changedMessages.size()) {
                    throw new LostRace("the upsert guards refused messages this batch had locked (" + messagesChanged
                            + " of " + changedMessages.size() + " updated); retrying the batch");
                }
            }
        }
        if (copy) {
            copyMessages(connection, absentMessages);
        }
    }

    /**
     * {@code COPY messages … FROM STDIN (FORMAT binary)} of rows the read found absent, in the
     * transaction of the connection (through HikariCP's proxy too: {@code unwrap}). The rows go
     * out through one reused buffer as they are encoded.
     */
    static void copyMessages(Connection connection, List<MessageRow> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_MESSAGES);
        try {
            BinaryCopyWriter out = new BinaryCopyWriter(copy::writeToCopy);
            out.writeHeader();
            for (MessageRow row : rows) {
                MESSAGES.copy(out, row);
            }
            out.finish();
            long copied = copy.endCopy();
            if (copied != rows.size()) {
                throw new SQLException("COPY wrote " + copied + " of " + rows.size() + " messages");
            }
        } catch (SQLException e) {
            cancelQuietly(copy, e);
            throw raceOnInsert(e);
        } catch (RuntimeException e) {
            cancelQuietly(copy, e);
            throw e;
        }
    }

    private static void cancelQuietly(CopyIn copy, Exception cause) {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException cancelFailure) {
                cause.addSuppressed(cancelFailure);
            }
        }
    }

    /** A primary-key clash on an insert means another writer inserted a row the read found absent. */
    private static SQLException raceOnInsert(SQLException e) {
        if (SqlStates.UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return new LostRace("another writer inserted a row this batch read as absent; retrying the batch", e);
        }
        return e;
    }
}
