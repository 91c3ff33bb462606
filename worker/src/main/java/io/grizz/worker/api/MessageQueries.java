package io.grizz.worker.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The message reads. Each is an index range scan: the primary key, or a conversation's slice of
 * {@code messages_of_conversation (conversation_id, created_at, id) INCLUDE (deleted_at)}, walked
 * from the cursor on; without tombstones, those it meets are filtered out.
 */
public class MessageQueries {

    static final String SELECT = """
            SELECT id, conversation_id, user_id, role, content, metadata::text AS metadata, revision,
                   created_at, updated_at, deleted_at
              FROM messages
            """;
    static final String BY_ID = SELECT + " WHERE id = ?";
    static final String ORDER = " ORDER BY created_at, id LIMIT ?";
    static final String OF_CONVERSATION = " WHERE conversation_id = ?";
    static final String AFTER = " AND (created_at, id) > (?, ?)";
    static final String NOT_DELETED = " AND deleted_at IS NULL";

    private final JdbcTemplate jdbc;

    public MessageQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<MessageView> find(UUID id) {
        return jdbc.query(BY_ID, MessageQueries::row, id).stream().findFirst();
    }

    /** Up to {@code rows} messages of a conversation, oldest first, after {@code after} if given. */
    public List<MessageView> ofConversation(UUID conversationId, boolean includeDeleted, Optional<Position> after,
                                            int rows) {
        String sql = pageSql(includeDeleted, after.isPresent());
        if (after.isEmpty()) {
            return jdbc.query(sql, MessageQueries::row, conversationId, rows);
        }
        Position from = after.get();
        return jdbc.query(sql, MessageQueries::row, conversationId, Timestamps.bind(from.at()), from.id(), rows);
    }

    /** The four page queries differ only in two constant clauses; every value stays a bound parameter. */
    static String pageSql(boolean includeDeleted, boolean afterCursor) {
        return SELECT + OF_CONVERSATION + (afterCursor ? AFTER : "") + (includeDeleted ? "" : NOT_DELETED) + ORDER;
    }

    private static MessageView row(ResultSet rs, int rowNum) throws SQLException {
        OffsetDateTime deletedAt = rs.getObject("deleted_at", OffsetDateTime.class);
        return new MessageView(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
                rs.getObject("user_id", UUID.class), rs.getString("role"), rs.getString("content"),
                rs.getString("metadata"), rs.getInt("revision"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                deletedAt == null ? null : deletedAt.toInstant());
    }
}
