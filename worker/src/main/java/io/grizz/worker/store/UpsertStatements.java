package io.grizz.worker.store;

import io.grizz.contracts.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * epoch, exact and without a date to format on one side and parse on the other. Only the
 * {@code uuid[]}s go as text, pgjdbc having no binary encoder for them.
 *
 * <p>The {@code WHERE} guards of the upserts repeat the rules {@link WriteReducer} already
 * applied. They matter only when two instances race on the same message during a rebalance; then
 * the database, not the fold, has the last word, and {@link #write} sends the batch round again.
 */
final class UpsertStatements {

    /**
     * Transaction-local settings ({@code SET LOCAL} semantics, so safe behind a transaction-mode
     * pooler too), and the transaction's {@code now()}, which every row it writes gets as
     * {@code persisted_at}. They come first, so they hold for every later statement of the
     * transaction, the lock reads included.
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

    static final String LOCK_CONVERSATIONS = """
            SELECT id, user_id, created_at, updated_at
              FROM conversations
             WHERE id = ANY (?)
             ORDER BY id
               FOR NO KEY UPDATE""";

    static final String LOCK_MESSAGES = """
            SELECT id, conversation_id, revision, role, created_at, deleted_at IS NOT NULL AS deleted
              FROM messages
             WHERE id = ANY (?)
             ORDER BY id
               FOR NO KEY UPDATE""";

    static final String UPSERT_CONVERSATIONS = """
            INSERT INTO conversations (id, user_id, created_at, updated_at)
            SELECT id, user_id, timestamptz 'epoch' + created_us * interval '1 microsecond',
                   timestamptz 'epoch' + updated_us * interval '1 microsecond'
              FROM unnest(?::uuid[], ?::uuid[], ?::int8[], ?::int8[]) AS batch (id, user_id, created_us, updated_us)
            ON CONFLICT (id) DO UPDATE
               SET updated_at = excluded.updated_at
             WHERE conversations.user_id = excluded.user_id
               AND conversations.updated_at < excluded.updated_at""";

    static final String UPSERT_MESSAGES = """
            INSERT INTO messages (id, conversation_id, user_id, role, content, metadata, revision,
                                  created_at, updated_at, deleted_at)
            SELECT id, conversation_id, user_id, role, content, metadata::jsonb, revision,
                   timestamptz 'epoch' + created_us * interval '1 microsecond',
                   timestamptz 'epoch' + updated_us * interval '1 microsecond',
                   timestamptz 'epoch' + deleted_us * interval '1 microsecond'
              FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::int4[],
                          ?::int8[], ?::int8[], ?::int8[])
                   AS batch (id, conversation_id, user_id, role, content, metadata, revision,
                             created_us, updated_us, deleted_us)
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

    /** Settings, then conversations, then messages, each locked in id order: one round trip. */
    static final String READ_AND_LOCK = SETTINGS + ";\n" + LOCK_CONVERSATIONS + ";\n" + LOCK_MESSAGES;

    /** Conversations first, so that the messages' foreign key finds them: one round trip. */
    static final String WRITE = UPSERT_CONVERSATIONS + ";\n" + UPSERT_MESSAGES;

    /** SQLState of the failure {@link #write} raises when a concurrent writer got in between. */
    static final String SERIALIZATION_FAILURE = "40001";

    private UpsertStatements() {
    }

    /** What {@link #readAndLock} found: the transaction's time and the stored rows, now locked. */
    record StoredState(Instant now, Map<UUID, StoredConversation> conversations, Map<UUID, StoredMessage> messages) {
    }

    static StoredState readAndLock(Connection connection, String statementTimeout, UUID[] conversationIds,
                                   UUID[] messageIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(READ_AND_LOCK)) {
            statement.setString(1, statementTimeout);
            statement.setArray(2, connection.createArrayOf("uuid", conversationIds));
            statement.setArray(3, connection.createArrayOf("uuid", messageIds));
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
                    conversations.put(id, new StoredConversation(id, rows.getObject(2, UUID.class),
                            instant(rows, 3), instant(rows, 4)));
                }
            }
            nextResult(statement);
            Map<UUID, StoredMessage> messages = new HashMap<>();
            try (ResultSet rows = statement.getResultSet()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    String role = rows.getString(4);
                    messages.put(id, new StoredMessage(id, rows.getObject(2, UUID.class), rows.getInt(3),
                            role == null ? null : Role.fromWire(role).orElse(null), instant(rows, 5),
                            rows.getBoolean(6)));
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
     * Writes the reduced rows.
     *
     * <p>Every row the fold wrote was either locked by {@link #readAndLock} or absent then, so each
     * one passes its upsert's {@code WHERE} guard, unless another writer (another instance, in a
     * rebalance) inserted an absent one meanwhile. Then the fold's outcomes are wrong for it, so
     * the transaction must not commit: this throws a serialization failure (SQLState 40001), and
     * the batch is retried, whole, and folded again over what is now stored.
     */
    static void write(Connection connection, List<ConversationRow> conversations, List<MessageRow> messages)
            throws SQLException {
        if (conversations.isEmpty() && messages.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(WRITE)) {
            bindConversations(connection, statement, conversations);
            bindMessages(connection, statement, 5, messages);
            statement.execute();
            int conversationsWritten = statement.getUpdateCount();
            statement.getMoreResults();
            int messagesWritten = statement.getUpdateCount();
            if (conversationsWritten < conversations.size() || messagesWritten < messages.size()) {
                throw new SQLException("another writer inserted rows this batch read as absent ("
                        + conversationsWritten + " of " + conversations.size() + " conversations and "
                        + messagesWritten + " of " + messages.size() + " messages written); retrying the batch",
                        SERIALIZATION_FAILURE);
            }
        }
    }

    private static void bindConversations(Connection connection, PreparedStatement statement,
                                          List<ConversationRow> rows) throws SQLException {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        UUID[] users = new UUID[n];
        Long[] created = new Long[n];
        Long[] updated = new Long[n];
        for (int i = 0; i < n; i++) {
            ConversationRow row = rows.get(i);
            ids[i] = row.id();
            users[i] = row.userId();
            created[i] = micros(row.createdAt());
            updated[i] = micros(row.updatedAt());
        }
        statement.setArray(1, connection.createArrayOf("uuid", ids));
        statement.setArray(2, connection.createArrayOf("uuid", users));
        statement.setArray(3, connection.createArrayOf("int8", created));
        statement.setArray(4, connection.createArrayOf("int8", updated));
    }

    /** Binds the messages' ten arrays from parameter {@code first} on. */
    private static void bindMessages(Connection connection, PreparedStatement statement, int first,
                                     List<MessageRow> rows) throws SQLException {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        UUID[] conversations = new UUID[n];
        UUID[] users = new UUID[n];
        String[] roles = new String[n];
        String[] contents = new String[n];
        String[] metadata = new String[n];
        Integer[] revisions = new Integer[n];
        Long[] created = new Long[n];
        Long[] updated = new Long[n];
        Long[] deleted = new Long[n];
        for (int i = 0; i < n; i++) {
            MessageRow row = rows.get(i);
            ids[i] = row.id();
            conversations[i] = row.conversationId();
            users[i] = row.userId();
            roles[i] = row.role() == null ? null : row.role().wireName();
            contents[i] = row.content();
            metadata[i] = row.metadataJson();
            revisions[i] = row.revision();
            created[i] = micros(row.createdAt());
            updated[i] = micros(row.updatedAt());
            deleted[i] = micros(row.deletedAt());
        }
        int p = first;
        statement.setArray(p++, connection.createArrayOf("uuid", ids));
        statement.setArray(p++, connection.createArrayOf("uuid", conversations));
        statement.setArray(p++, connection.createArrayOf("uuid", users));
        statement.setArray(p++, connection.createArrayOf("text", roles));
        statement.setArray(p++, connection.createArrayOf("text", contents));
        // as text[], which pgjdbc sends in binary, cast to jsonb per row: a jsonb[] goes as one
        // escaped array literal that both sides must escape and unescape, quotes and all
        statement.setArray(p++, connection.createArrayOf("text", metadata));
        statement.setArray(p++, connection.createArrayOf("int4", revisions));
        statement.setArray(p++, connection.createArrayOf("int8", created));
        statement.setArray(p++, connection.createArrayOf("int8", updated));
        statement.setArray(p, connection.createArrayOf("int8", deleted));
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
