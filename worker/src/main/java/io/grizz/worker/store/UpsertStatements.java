package io.grizz.worker.store;

import io.grizz.contracts.Role;
import java.sql.Array;
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
 * <p>The {@code WHERE} guards of the upserts repeat the rules {@link WriteReducer} already
 * applied. They matter only when two instances race on the same message during a rebalance; then
 * the database, not the fold, has the last word.
 */
final class UpsertStatements {

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
            SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::timestamptz[], ?::timestamptz[])
            ON CONFLICT (id) DO UPDATE
               SET updated_at = excluded.updated_at
             WHERE conversations.user_id = excluded.user_id
               AND conversations.updated_at < excluded.updated_at""";

    static final String UPSERT_MESSAGES = """
            INSERT INTO messages (id, conversation_id, user_id, role, content, metadata, revision,
                                  created_at, updated_at, deleted_at)
            SELECT id, conversation_id, user_id, role, content, metadata::jsonb, revision,
                   created_at, updated_at, deleted_at
              FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::int4[],
                          ?::timestamptz[], ?::timestamptz[], ?::timestamptz[])
                   AS batch (id, conversation_id, user_id, role, content, metadata, revision,
                             created_at, updated_at, deleted_at)
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

    private UpsertStatements() {
    }

    static Map<UUID, StoredConversation> lockConversations(Connection connection, UUID[] ids) throws SQLException {
        Map<UUID, StoredConversation> stored = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(LOCK_CONVERSATIONS)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    stored.put(id, new StoredConversation(id, rows.getObject(2, UUID.class),
                            instant(rows, 3), instant(rows, 4)));
                }
            }
        }
        return stored;
    }

    static Map<UUID, StoredMessage> lockMessages(Connection connection, UUID[] ids) throws SQLException {
        Map<UUID, StoredMessage> stored = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(LOCK_MESSAGES)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    String role = rows.getString(4);
                    stored.put(id, new StoredMessage(id, rows.getObject(2, UUID.class), rows.getInt(3),
                            role == null ? null : Role.fromWire(role).orElse(null), instant(rows, 5),
                            rows.getBoolean(6)));
                }
            }
        }
        return stored;
    }

    static void writeConversations(Connection connection, List<ConversationRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        UUID[] ids = new UUID[n];
        UUID[] users = new UUID[n];
        String[] created = new String[n];
        String[] updated = new String[n];
        for (int i = 0; i < n; i++) {
            ConversationRow row = rows.get(i);
            ids[i] = row.id();
            users[i] = row.userId();
            created[i] = text(row.createdAt());
            updated[i] = text(row.updatedAt());
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_CONVERSATIONS)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setArray(2, connection.createArrayOf("uuid", users));
            statement.setArray(3, timestamps(connection, created));
            statement.setArray(4, timestamps(connection, updated));
            statement.executeUpdate();
        }
    }

    static void writeMessages(Connection connection, List<MessageRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        UUID[] ids = new UUID[n];
        UUID[] conversations = new UUID[n];
        UUID[] users = new UUID[n];
        String[] roles = new String[n];
        String[] contents = new String[n];
        String[] metadata = new String[n];
        Integer[] revisions = new Integer[n];
        String[] created = new String[n];
        String[] updated = new String[n];
        String[] deleted = new String[n];
        for (int i = 0; i < n; i++) {
            MessageRow row = rows.get(i);
            ids[i] = row.id();
            conversations[i] = row.conversationId();
            users[i] = row.userId();
            roles[i] = row.role() == null ? null : row.role().wireName();
            contents[i] = row.content();
            metadata[i] = row.metadataJson();
            revisions[i] = row.revision();
            created[i] = text(row.createdAt());
            updated[i] = text(row.updatedAt());
            deleted[i] = text(row.deletedAt());
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_MESSAGES)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setArray(2, connection.createArrayOf("uuid", conversations));
            statement.setArray(3, connection.createArrayOf("uuid", users));
            statement.setArray(4, connection.createArrayOf("text", roles));
            statement.setArray(5, connection.createArrayOf("text", contents));
            // as text[], which pgjdbc sends in binary, cast to jsonb per row: a jsonb[] goes as one
            // escaped array literal that both sides must escape and unescape, quotes and all
            statement.setArray(6, connection.createArrayOf("text", metadata));
            statement.setArray(7, connection.createArrayOf("int4", revisions));
            statement.setArray(8, timestamps(connection, created));
            statement.setArray(9, timestamps(connection, updated));
            statement.setArray(10, timestamps(connection, deleted));
            statement.executeUpdate();
        }
    }

    private static Array timestamps(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("timestamptz", values);
    }

    /** ISO-8601 in UTC, which PostgreSQL reads exactly, whatever the session's DateStyle or TimeZone. */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
