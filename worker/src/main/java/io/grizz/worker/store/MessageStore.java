package io.grizz.worker.store;

import io.grizz.contracts.EventType;
import io.grizz.contracts.Rejection;
import io.grizz.contracts.RejectionReason;
import io.grizz.worker.batch.Entry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;

/**
 * Writes the valid entries of a batch in one transaction and settles each entry's fate: read
 * what is stored, fold the batch on top of it ({@link WriteReducer}), write one statement per
 * table.
 *
 * <p>Three kinds of failure, three answers:
 * <ul>
 * <li>The database refuses the data (SQLState class 22/23): the batch is redone one event at a
 * time, each under a savepoint, so the refused events are isolated as {@code rejected_by_database}
 * and the rest still commit.</li>
 * <li>A race with another writer (40001, 40P01: two instances meeting on the same rows in a
 * rebalance): retried here, the whole transaction, a bounded number of times with jitter
 * ({@link RaceRetry}). Not an outage: the caller never sees it unless every attempt lost.</li>
 * <li>Anything else (the database or the pooler unreachable, a statement timeout): thrown. The
 * caller treats it as an outage and retries the batch with backoff; no offset is committed.</li>
 * </ul>
 */
public class MessageStore implements BatchStore {

    private final DataSource dataSource;
    private final String statementTimeout;
    private final RaceRetry raceRetry;
    private final long chunkChars;

    /**
     * @param statementTimeout the server-side limit of each statement of a batch: a batch stuck
     *                         on a lock or a sick server fails and is retried, instead of holding
     *                         the partition and its poll loop indefinitely
     * @param chunkChars       the most characters of content and metadata one write statement
     *                         carries; a batch of large messages is written in several statements
     *                         of one transaction, so no parameter nears PostgreSQL's 1 GiB limit
     *                         and the encoded statement stays small beside the heap
     */
    public MessageStore(DataSource dataSource, Duration statementTimeout, RaceRetry raceRetry, long chunkChars) {
        this.dataSource = dataSource;
        this.statementTimeout = statementTimeout.toMillis() + "ms";
        this.raceRetry = raceRetry;
        this.chunkChars = chunkChars;
    }

    @Override
    public void write(List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        raceRetry.run(() -> writeOnce(entries));
    }

    private void writeOnce(List<Entry> entries) throws SQLException {
        try {
            if (allCreations(entries) && writtenAsNew(entries)) {
                return;
            }
            inTransaction(connection -> writeReduced(connection, entries, true));
            return;
        } catch (SQLException e) {
            if (!SqlStates.isRecordError(e)) {
                throw e;
            }
        }
        inTransaction(connection -> writeOneByOne(connection, entries));
    }

    /**
     * A batch of creations is first written as if none of its messages were stored, without the messages' locking
     * read: what the read would find is nothing, but its primary-key probe per message cost PostgreSQL about a
     * tenth of a drain's time. The primary key checks the assumption: a message that is stored after all (a
     * redelivered batch, or another instance racing on the same rows) makes the insert fail, the transaction rolls
     * back whole, and the batch is read, locked and folded again as any other. False then, with nothing written.
     */
    private boolean writtenAsNew(List<Entry> entries) throws SQLException {
        try {
            inTransaction(connection -> writeReduced(connection, entries, false));
            return true;
        } catch (LostRace alreadyStored) {
            raceRetry.counted(RaceRetry.Cause.ALREADY_STORED);
            return false;
        }
    }

    private static boolean allCreations(List<Entry> entries) {
        for (Entry entry : entries) {
            if (entry.event().type() != EventType.CREATED) {
                return false;
            }
        }
        return true;
    }

    /** @param readMessages false to assume no message of the batch is stored ({@link #writtenAsNew}) */
    private void writeReduced(Connection connection, List<Entry> entries, boolean readMessages) throws SQLException {
        UUID[] conversationIds = entries.stream()
                .map(entry -> entry.event().conversationId())
                .distinct()
                .toArray(UUID[]::new);
        LockingRead.StoredState stored;
        if (readMessages) {
            UUID[] messageIds = entries.stream()
                    .map(entry -> entry.event().messageId())
                    .distinct()
                    .toArray(UUID[]::new);
            stored = LockingRead.readAndLock(connection, statementTimeout, conversationIds, messageIds);
        } else {
            stored = LockingRead.readConversations(connection, statementTimeout, conversationIds);
        }
        ReducedBatch reduced = WriteReducer.reduce(entries, stored.conversations(), stored.messages());
        List<List<MessageRow>> chunks = MessageChunks.split(reduced.messages(), chunkChars);
        BatchWrite.write(connection, stored, reduced.conversations(), chunks.get(0));
        for (List<MessageRow> chunk : chunks.subList(1, chunks.size())) {
            BatchWrite.write(connection, stored, List.of(), chunk);
        }
        for (Verdict verdict : reduced.verdicts()) {
            settle(verdict, stored);
        }
    }

    /** The fold's fate, given to its entry with what only the transaction knows: when the row was persisted. */
    private static void settle(Verdict verdict, LockingRead.StoredState stored) {
        Entry entry = verdict.entry();
        switch (verdict.fate()) {
            case APPLIED -> entry.applied(stored.now());
            case NOOP -> entry.noop();
            case REPLAYED ->
                entry.replayed(stored.messages().get(entry.event().messageId()).persistedAt());
            case DEAD_LETTER -> entry.reject(verdict.rejection());
            case PENDING -> throw new IllegalStateException("the fold left " + entry + " undecided");
        }
    }

    /**
     * The fallback after the database refused the data: every event alone, under a savepoint, so
     * only the refused ones are dead-lettered. Slow, and only ever run for a batch that holds a
     * value the database cannot take.
     */
    private void writeOneByOne(Connection connection, List<Entry> entries) throws SQLException {
        isolateRefused(connection, entries, (c, entry) -> writeReduced(c, List.of(entry), true));
    }

    /**
     * Writes each entry alone under a savepoint; one the database refuses (class 22/23) is rejected and rolled back.
     */
    static void isolateRefused(Connection connection, List<Entry> entries, SingleWrite write) throws SQLException {
        for (Entry entry : entries) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                write.run(connection, entry);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                if (!SqlStates.isRecordError(e)) {
                    throw e;
                }
                connection.rollback(savepoint);
                entry.reject(new Rejection(RejectionReason.REJECTED_BY_DATABASE, describe(e)));
            }
        }
    }

    @FunctionalInterface
    interface SingleWrite {
        void run(Connection connection, Entry entry) throws SQLException;
    }

    private void inTransaction(SqlWork work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** SQLState and the server's primary message: the detail line may hold the row's values. */
    static String describe(SQLException e) {
        String message = e instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getMessage()
                : e.getMessage();
        return "SQLState " + e.getSQLState() + ": " + message;
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }
}
