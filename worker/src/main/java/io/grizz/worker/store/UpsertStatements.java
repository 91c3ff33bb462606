package io.grizz.worker.store;

import io.grizz.contracts.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The SQL of the write path. Every statement takes whole columns as arrays and {@code unnest}s
 * them, so a batch is one round trip per table whatever its size: no 65,535 bind-parameter cap,
 * one plan per statement shape (prepared once per connection in session mode), and every value
 * bound as a parameter, never spliced into the text.
 *
 * <p>A batch costs two round trips before the commit: {@link #readAndLock} and {@link #write} each
 * send their statements in one go (pgjdbc sends every statement of a multi-statement string before
 * it waits for the first answer). On a busy machine every round trip waits for the scheduler twice,
 * in the worker and in PostgreSQL (four times through PgBouncer), and those waits, not the work,
 * were most of a small batch's time. A {@code COPY} of new messages adds two more, which is why
 * only batches of at least {@link #COPY_MIN_ROWS} new messages take it.
 *
 * <p>Every array that can go in pgjdbc's binary format does: {@code text[]} (metadata too, cast to
 * {@code jsonb} per row) and {@code int8[]}, which carries timestamps as microseconds since the
 * epoch, exact and without a date to format on one side and parse on the other; the
 * {@code uuid[]}s go in binary through {@link UuidArray}, pgjdbc having no binary encoder for them.
 *
 * <p>Rows the read found are upserted, the others inserted; new messages of a large enough batch
 * are copied instead ({@link #COPY_MESSAGES}), in {@code COPY}'s binary format. When two instances
 * race on the same row during a rebalance, the database, not the fold, has the last word: the
 * insert or the {@code COPY} clashes on the primary key, and {@link #write} sends the batch round
 * again.
 *
 * <p>Each table's columns are declared once ({@link #CONVERSATIONS}, {@link #MESSAGES}); the
 * statements, their binding and the {@code COPY} rows are derived from them.
 */
final class UpsertStatements {

    /**
     * Transaction-local settings ({@code SET LOCAL} semantics, so safe behind a transaction-mode
     * pooler too), and the transaction's {@code now()}, which every row it writes gets as
     * {@code persisted_at}. They come first, so they hold for every later statement of the
     * transaction, the reads included.
     *
     * <p>{@code statement_timeout}: a batch stuck on a lock or a sick server fails and is retried,
     * instead of holding its partitions and poll loop indefinitely.
     *
     * <p>{@code enable_seqscan = off}: the foreign-key check on messages → conversations runs a
     * plan PostgreSQL caches per connection. Planned while conversations looked empty, it stays a
     * sequential scan until the next ANALYZE, and batches slow down tenfold as the table grows.
     * Every statement of ours is a primary-key lookup, so planning without sequential scans in our
     * transactions costs nothing and keeps that cached plan an index scan from the first batch on.
     */
    static final String SETTINGS = """
            SELECT set_config('enable_seqscan', 'off', true), set_config('statement_timeout', ?, true), now()""";

    /**
     * Conversations are read, not locked. What the fold takes from them cannot go wrong if another
     * writer commits in between: the owner never changes once the row exists, and {@code updated_at}
     * only moves forward, which the upsert's guard keeps whoever writes first. A lock would cost a
     * WAL record and a dirtied page per conversation for nothing; with messages arriving one by one
     * the locking read was 9 % of the database time of a steady run.
     */
    static final String READ_CONVERSATIONS = """
            SELECT id, user_id, created_at, updated_at
              FROM conversations
             WHERE id = ANY (?)""";

    static final String LOCK_MESSAGES = """
            SELECT id, conversation_id, revision, role, created_at, deleted_at IS NOT NULL AS deleted, persisted_at
              FROM messages
             WHERE id = ANY (?)
             ORDER BY id
               FOR NO KEY UPDATE""";

    /**
     * The columns of {@code conversations} the write path writes, declared once: the statements
     * below and their binding are derived from them ({@link Table}). New conversations stay an
     * insert from arrays, never a {@code COPY}: in a drain they are a tenth of the rows and 2 % of
     * the write statements' time ({@code pg_stat_statements}: 568 of 30,500 ms), less than what two
     * more round trips a batch would cost.
     */
    static final Table<ConversationRow> CONVERSATIONS = new Table<>(
            "conversations",
            List.of(
                    Column.uuid("id", ConversationRow::id),
                    Column.uuid("user_id", ConversationRow::userId),
                    Column.timestamptz("created_at", ConversationRow::createdAt),
                    Column.timestamptz("updated_at", ConversationRow::updatedAt)));

    /**
     * The columns of {@code messages} the write path writes, declared once. {@code persisted_at}
     * is left to its default, {@code now()}: the transaction's start, for the inserts and the
     * {@code COPY} alike (the upsert sets it to the same {@code now()}).
     */
    static final Table<MessageRow> MESSAGES = new Table<>(
            "messages",
            List.of(
                    Column.uuid("id", MessageRow::id),
                    Column.uuid("conversation_id", MessageRow::conversationId),
                    Column.uuid("user_id", MessageRow::userId),
                    Column.text(
                            "role",
                            row -> row.role() == null ? null : row.role().wireName()),
                    Column.text("content", MessageRow::content),
                    Column.jsonb("metadata", MessageRow::metadataJson),
                    Column.int4("revision", MessageRow::revision),
                    Column.timestamptz("created_at", MessageRow::createdAt),
                    Column.timestamptz("updated_at", MessageRow::updatedAt),
                    Column.timestamptz("deleted_at", MessageRow::deletedAt)));

    static final String INSERT_CONVERSATIONS = CONVERSATIONS.insertFromArrays();

    /**
     * The same insert, made an upsert for the rows the read found. A row its guard refuses was
     * moved further forward by another writer meanwhile, which leaves it right.
     */
    static final String UPSERT_CONVERSATIONS = INSERT_CONVERSATIONS + """
            ON CONFLICT (id) DO UPDATE
               SET updated_at = excluded.updated_at
             WHERE conversations.user_id = excluded.user_id
               AND conversations.updated_at < excluded.updated_at""";

    static final String INSERT_MESSAGES = MESSAGES.insertFromArrays();

    /** The same insert, made an upsert for the rows the locking read found (and locked). */
    static final String UPSERT_MESSAGES = INSERT_MESSAGES + """
            ON CONFLICT (id) DO UPDATE
               SET role = excluded.role,
                   content = excluded.content,
                   metadata = excluded.metadata,
                   revision = excluded.revision,
                   updated_at = excluded.updated_at,
                   deleted_at = excluded.deleted_at,
                   persisted_at = now()
             WHERE messages.revision < excluded.revision
               AND messages.deleted_at IS NULL
               AND messages.conversation_id = excluded.conversation_id""";

    /** The absent messages of a batch of at least {@link #COPY_MIN_ROWS} of them. */
    static final String COPY_MESSAGES = MESSAGES.copyFromStdin();

    /**
     * The fewest absent messages that go by {@code COPY} instead of {@link #INSERT_MESSAGES}.
     * A {@code COPY} is a round trip of its own (two, in fact: pgjdbc waits for the server's
     * {@code CopyInResponse} before it sends the rows), while the insert rides in {@link #WRITE}'s;
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

    /** Settings, then the conversations, then the messages, locked in id order: one round trip. */
    static final String READ_AND_LOCK = SETTINGS + ";\n" + READ_CONVERSATIONS + ";\n" + LOCK_MESSAGES;

    /** Settings, then the conversations: the read of a batch of new messages only ({@link #readConversations}). */
    static final String READ_CONVERSATIONS_ONLY = SETTINGS + ";\n" + READ_CONVERSATIONS;

    /** Conversations first, so that the messages' foreign key finds them: one round trip. */
    static final String WRITE =
            INSERT_CONVERSATIONS + ";\n" + UPSERT_CONVERSATIONS + ";\n" + INSERT_MESSAGES + ";\n" + UPSERT_MESSAGES;

    /** {@link #WRITE} without the messages' insert, whose rows then follow by {@link #COPY_MESSAGES}. */
    static final String WRITE_BEFORE_COPY =
            INSERT_CONVERSATIONS + ";\n" + UPSERT_CONVERSATIONS + ";\n" + UPSERT_MESSAGES;

    /** SQLState of the failure {@link #write} raises when a concurrent writer got in between. */
    static final String SERIALIZATION_FAILURE = "40001";

    /** SQLState of a primary-key clash: an insert of a row another writer inserted meanwhile. */
    private static final String UNIQUE_VIOLATION = "23505";

    private UpsertStatements() {}

    /** What {@link #readAndLock} found: the transaction's time and the stored rows, the messages now locked. */
    record StoredState(Instant now, Map<UUID, StoredConversation> conversations, Map<UUID, StoredMessage> messages) {}

    static StoredState readAndLock(
            Connection connection, String statementTimeout, UUID[] conversationIds, UUID[] messageIds)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(READ_AND_LOCK)) {
            statement.setString(1, statementTimeout);
            statement.setObject(2, new UuidArray(conversationIds));
            statement.setObject(3, new UuidArray(messageIds));
            statement.execute();
            Instant now = transactionTime(statement);
            nextResult(statement, READ_AND_LOCK);
            Map<UUID, StoredConversation> conversations = conversations(statement);
            nextResult(statement, READ_AND_LOCK);
            Map<UUID, StoredMessage> messages = new HashMap<>();
            try (ResultSet rows = statement.getResultSet()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    String role = rows.getString(4);
                    messages.put(
                            id,
                            new StoredMessage(
                                    id,
                                    rows.getObject(2, UUID.class),
                                    rows.getInt(3),
                                    role == null ? null : Role.fromWire(role).orElse(null),
                                    instant(rows, 5),
                                    rows.getBoolean(6),
                                    instant(rows, 7)));
                }
            }
            return new StoredState(now, conversations, messages);
        }
    }

    /**
     * The read of a batch that assumes none of its messages is stored ({@code MessageStore}: a batch of creations
     * only): the settings and the conversations, without the messages' locking read, whose primary-key probe per
     * message finds nothing in a batch of new messages. The assumption is checked by the primary key itself: a
     * message that is stored after all makes the write fail as a race ({@link #SERIALIZATION_FAILURE}), and the
     * batch is read, locked and folded again.
     */
    static StoredState readConversations(Connection connection, String statementTimeout, UUID[] conversationIds)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(READ_CONVERSATIONS_ONLY)) {
            statement.setString(1, statementTimeout);
            statement.setObject(2, new UuidArray(conversationIds));
            statement.execute();
            Instant now = transactionTime(statement);
            nextResult(statement, READ_CONVERSATIONS_ONLY);
            return new StoredState(now, conversations(statement), Map.of());
        }
    }

    private static Instant transactionTime(PreparedStatement statement) throws SQLException {
        try (ResultSet settings = statement.getResultSet()) {
            settings.next();
            return instant(settings, 3);
        }
    }

    private static Map<UUID, StoredConversation> conversations(PreparedStatement statement) throws SQLException {
        Map<UUID, StoredConversation> conversations = new HashMap<>();
        try (ResultSet rows = statement.getResultSet()) {
            while (rows.next()) {
                UUID id = rows.getObject(1, UUID.class);
                conversations.put(
                        id,
                        new StoredConversation(id, rows.getObject(2, UUID.class), instant(rows, 3), instant(rows, 4)));
            }
        }
        return conversations;
    }

    private static void nextResult(PreparedStatement statement, String sql) throws SQLException {
        if (!statement.getMoreResults()) {
            throw new SQLException("expected one more result set from " + sql);
        }
    }

    /**
     * Writes the reduced rows: a plain {@code INSERT} (or, from {@link #COPY_MIN_ROWS} messages on,
     * a {@code COPY}) of those {@link #readAndLock} found absent, an {@code INSERT … ON CONFLICT DO
     * UPDATE} of those it found (the messages among them locked).
     *
     * <p>Absent rows skip {@code ON CONFLICT}: the read has already told they do not exist,
     * and the arbiter's extra index probe and the confirmation record a speculative insertion writes
     * per row would buy nothing. Only another writer (another instance, in a rebalance) can insert
     * one of them meanwhile; then the insert or the {@code COPY} fails on the primary key, the
     * fold's outcomes are wrong for that row, and this throws a serialization failure (SQLState
     * 40001): the batch is retried, whole, and folded again over what is now stored.
     *
     * <p>Stored rows are updated through {@code ON CONFLICT}, not {@code UPDATE … FROM unnest}: a
     * join leaves the plan to statistics that lag a fast-growing table, and with them PostgreSQL
     * hashed the whole live part of {@code messages} (through V2's partial index, since dropped,
     * which the guard {@code deleted_at IS NULL} matched) to update a thousand rows, 338 ms per
     * batch and growing.
     * The upsert's {@code WHERE} guards repeat the fold's rules. With the messages locked theirs
     * always hold, and a message they refuse is treated as a race too; a conversation they refuse
     * is already further forward (see {@link #READ_CONVERSATIONS}).
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
                    throw new SQLException(
                            "the upsert guards refused messages this batch had locked (" + messagesChanged + " of "
                                    + changedMessages.size() + " updated); retrying the batch",
                            SERIALIZATION_FAILURE);
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
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return new SQLException(
                    "another writer inserted a row this batch read as absent; retrying the batch",
                    SERIALIZATION_FAILURE,
                    e);
        }
        return e;
    }

    /**
     * The {@code timestamptz} of an {@code int8} column of microseconds since the epoch, exact for
     * every instant the decoder accepts. {@code int8 * interval} multiplies in {@code float8}, whose
     * 53 bits hold microseconds exactly only up to about the year 2255: year 9999's last
     * microsecond came out as 10000-01-01. Whole seconds times one second stay exact through year
     * 9999 (seconds × 15,625 < 2^53), and the microseconds left over are below a million.
     */
    static String fromMicros(String column) {
        String seconds = "(%1$s / 1000000) * interval '1 second'";
        String micros = "(%1$s %% 1000000) * interval '1 microsecond'";
        return ("timestamptz 'epoch' + " + seconds + " + " + micros).formatted(column);
    }

    /**
     * Microseconds since the epoch: PostgreSQL's own resolution (the decoder has truncated every
     * time to it), and independent of the session's DateStyle and TimeZone.
     */
    static Long micros(Instant instant) {
        if (instant == null) {
            return null;
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
