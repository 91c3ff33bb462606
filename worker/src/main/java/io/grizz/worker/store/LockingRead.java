package io.grizz.worker.store;

import static io.grizz.worker.store.StoreSql.READ_AND_LOCK;
import static io.grizz.worker.store.StoreSql.READ_CONVERSATIONS_ONLY;

import io.grizz.contracts.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The read that opens a batch's transaction, one round trip: the transaction's settings and time, the stored
 * conversations the batch touches, and its stored messages, locked ({@link StoreSql#READ_AND_LOCK}); or, for a
 * batch assumed new, the conversations alone ({@link StoreSql#READ_CONVERSATIONS_ONLY}). What it finds is what the
 * fold starts from, and what tells {@link BatchWrite#write} the rows to insert from those to upsert.
 */
final class LockingRead {

    private LockingRead() {}

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
                    UUID id = rows.getObject("id", UUID.class);
                    String role = rows.getString("role");
                    messages.put(
                            id,
                            new StoredMessage(
                                    id,
                                    rows.getObject("conversation_id", UUID.class),
                                    rows.getInt("revision"),
                                    role == null ? null : Role.fromWire(role).orElse(null),
                                    instant(rows, "created_at"),
                                    rows.getBoolean("deleted"),
                                    instant(rows, "persisted_at")));
                }
            }
            return new StoredState(now, conversations, messages);
        }
    }

    /**
     * The read of a batch that assumes none of its messages is stored ({@code MessageStore}: a batch of creations
     * only): the settings and the conversations, without the messages' locking read, whose primary-key probe per
     * message finds nothing in a batch of new messages. The assumption is checked by the primary key itself: a
     * message that is stored after all makes the write fail as a race ({@link LostRace}),
     * and the batch is read, locked and folded again.
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
            return settings.getObject(3, OffsetDateTime.class).toInstant(); // the settings' now(), unnamed
        }
    }

    private static Map<UUID, StoredConversation> conversations(PreparedStatement statement) throws SQLException {
        Map<UUID, StoredConversation> conversations = new HashMap<>();
        try (ResultSet rows = statement.getResultSet()) {
            while (rows.next()) {
                UUID id = rows.getObject("id", UUID.class);
                conversations.put(
                        id,
                        new StoredConversation(
                                id,
                                rows.getObject("user_id", UUID.class),
                                instant(rows, "created_at"),
                                instant(rows, "updated_at")));
            }
        }
        return conversations;
    }

    private static void nextResult(PreparedStatement statement, String sql) throws SQLException {
        if (!statement.getMoreResults()) {
            throw new SQLException("expected one more result set from " + sql);
        }
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
