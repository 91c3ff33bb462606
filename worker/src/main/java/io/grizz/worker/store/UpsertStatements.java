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
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

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
 * were most of a small batch's time.
 *
 * <p>Every array that can go in pgjdbc's binary format does: {@code text[]} (metadata too, cast to
 * {@code jsonb} per row) and {@code int8[]}, which carries timestamps as microseconds since the
 * epoch, exact and without a date to format on one side and parse on the other; the
 * {@code uuid[]}s go in binary through {@link UuidArray}, pgjdbc having no binary encoder for them.
 *
 * <p>Rows the read found are upserted, the others inserted. When two instances race on the
 * same row during a rebalance, the database, not the fold, has the last word: the insert clashes
 * on the primary key, and {@link #write} sends the batch round again.
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

    static final String INSERT_CONVERSATIONS = """
            INSERT INTO conversations (id, user_id, created_at, updated_at)
            SELECT id, user_id, %s, %s
              FROM unnest(?::uuid[], ?::uuid[], ?::int8[], ?::int8[])
                   AS batch (id, user_id, created_us, updated_us)
            """.formatted(fromMicros("created_us"), fromMicros("updated_us"));

    /**
     * The same insert, made an upsert for the rows the read found. A row its guard refuses was
     * moved further forward by another writer meanwhile, which leaves it right.
     */
    static final String UPSERT_CONVERSATIONS = INSERT_CONVERSATIONS + """

            ON CONFLICT (id) DO UPDATE
               SET updated_at = excluded.updated_at
             WHERE conversations.user_id = excluded.user_id
               AND conversations.updated_at < excluded.updated_at""";

    static final String INSERT_MESSAGES =
            """
            INSERT INTO messages (id, conversation_id, user_id, role, content, metadata, revision,
                                  created_at, updated_at, deleted_at)
            SELECT id, conversation_id, user_id, role, content, metadata::jsonb, revision, %s, %s, %s
              FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::int4[],
                          ?::int8[], ?::int8[], ?::int8[])
                   AS batch (id, conversation_id, user_id, role, content, metadata, revision,
                             created_us, updated_us, deleted_us)
            """.formatted(fromMicros("created_us"), fromMicros("updated_us"), fromMicros("deleted_us"));

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

    /** Settings, then the conversations, then the messages, locked in id order: one round trip. */
    static final String READ_AND_LOCK = SETTINGS + ";\n" + READ_CONVERSATIONS + ";\n" + LOCK_MESSAGES;

    /** Conversations first, so that the messages' foreign key finds them: one round trip. */
    static final String WRITE =
            INSERT_CONVERSATIONS + ";\n" + UPSERT_CONVERSATIONS + ";\n" + INSERT_MESSAGES + ";\n" + UPSERT_MESSAGES;

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
            Instant now;
            try (ResultSet settings = statement.getResultSet()) {
                settings.next();
                now = instant(settings, 3);
            }
            nextResult(statement);
            Map<UUID, StoredConversation> conversations = new HashMap<>();
            try (ResultSet rows = statement.getResultSet()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    conversations.put(
                            id,
                            new StoredConversation(
                                    id, rows.getObject(2, UUID.class), instant(rows, 3), instant(rows, 4)));
                }
            }
            nextResult(statement);
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

    private static void nextResult(PreparedStatement statement) throws SQLException {
        if (!statement.getMoreResults()) {
            throw new SQLException("expected one more result set from " + READ_AND_LOCK);
        }
    }

    /**
     * Writes the reduced rows: a plain {@code INSERT} of those {@link #readAndLock} found absent,
     * an {@code INSERT … ON CONFLICT DO UPDATE} of those it found (the messages among them locked).
     *
     * <p>Absent rows skip {@code ON CONFLICT}: the read has already told they do not exist,
     * and the arbiter's extra index probe and the confirmation record a speculative insertion writes
     * per row would buy nothing. Only another writer (another instance, in a rebalance) can insert
     * one of them meanwhile; then the insert fails on the primary key, the fold's outcomes are
     * wrong for that row, and this throws a serialization failure (SQLState 40001): the batch is
     * retried, whole, and folded again over what is now stored.
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
     * same order and do not deadlock.
     */
    static void write(
            Connection connection, StoredState stored, List<ConversationRow> conversations, List<MessageRow> messages)
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
        List<MessageRow> changedMessages = messagesByStored.get(true);
        try (PreparedStatement statement = connection.prepareStatement(WRITE)) {
            Parameters parameters = new Parameters(connection, statement);
            bindConversations(parameters, conversationsByStored.get(false));
            bindConversations(parameters, conversationsByStored.get(true));
            bindMessages(parameters, messagesByStored.get(false));
            bindMessages(parameters, changedMessages);
            try {
                statement.execute();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new SQLException(
                            "another writer inserted a row this batch read as absent; retrying the " + "batch",
                            SERIALIZATION_FAILURE,
                            e);
                }
                throw e;
            }
            // the results come in WRITE's order; only the last, the messages' upsert, is checked
            statement.getMoreResults();
            statement.getMoreResults();
            statement.getMoreResults();
            int messagesChanged = statement.getUpdateCount();
            if (messagesChanged < changedMessages.size()) {
                throw new SQLException(
                        "the upsert guards refused messages this batch had locked (" + messagesChanged + " of "
                                + changedMessages.size() + " updated); retrying the batch",
                        SERIALIZATION_FAILURE);
            }
        }
    }

    private static void bindConversations(Parameters parameters, List<ConversationRow> rows) throws SQLException {
        parameters.addUuids(column(rows, UUID[]::new, ConversationRow::id));
        parameters.addUuids(column(rows, UUID[]::new, ConversationRow::userId));
        parameters.add("int8", column(rows, Long[]::new, row -> micros(row.createdAt())));
        parameters.add("int8", column(rows, Long[]::new, row -> micros(row.updatedAt())));
    }

    private static void bindMessages(Parameters parameters, List<MessageRow> rows) throws SQLException {
        parameters.addUuids(column(rows, UUID[]::new, MessageRow::id));
        parameters.addUuids(column(rows, UUID[]::new, MessageRow::conversationId));
        parameters.addUuids(column(rows, UUID[]::new, MessageRow::userId));
        parameters.add(
                "text",
                column(
                        rows,
                        String[]::new,
                        row -> row.role() == null ? null : row.role().wireName()));
        parameters.add("text", column(rows, String[]::new, MessageRow::content));
        // as text[], which pgjdbc sends in binary, cast to jsonb per row: a jsonb[] goes as one
        // escaped array literal that both sides must escape and unescape, quotes and all
        parameters.add("text", column(rows, String[]::new, MessageRow::metadataJson));
        parameters.add("int4", column(rows, Integer[]::new, MessageRow::revision));
        parameters.add("int8", column(rows, Long[]::new, row -> micros(row.createdAt())));
        parameters.add("int8", column(rows, Long[]::new, row -> micros(row.updatedAt())));
        parameters.add("int8", column(rows, Long[]::new, row -> micros(row.deletedAt())));
    }

    /**
     * One column of the rows, as an array of its own element type: pgjdbc picks its array encoder
     * by the Java array's class, and only typed arrays go in binary.
     */
    private static <R, T> T[] column(List<R> rows, IntFunction<T[]> newArray, Function<R, T> value) {
        T[] column = newArray.apply(rows.size());
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(rows.get(i));
        }
        return column;
    }

    /** Binds array parameters in order. */
    private static final class Parameters {
        private final Connection connection;
        private final PreparedStatement statement;
        private int next = 1;

        Parameters(Connection connection, PreparedStatement statement) {
            this.connection = connection;
            this.statement = statement;
        }

        void add(String type, Object[] values) throws SQLException {
            statement.setArray(next++, connection.createArrayOf(type, values));
        }

        void addUuids(UUID[] values) throws SQLException {
            statement.setObject(next++, new UuidArray(values));
        }
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
