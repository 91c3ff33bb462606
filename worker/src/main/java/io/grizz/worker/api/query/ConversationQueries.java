package io.grizz.worker.api.query;

import io.grizz.contracts.schema.StorageSchema;
import io.grizz.worker.api.paging.Position;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The conversation reads. Each is an index range scan: the primary key, or
 * {@code conversations_by_user (user_id, updated_at DESC, id DESC)} walked from the cursor on;
 * {@code message_count} counts the entries of {@code messages_of_conversation} whose
 * {@code deleted_at} (carried in the index) is null, without reading the table.
 */
public class ConversationQueries {

    /** The API's columns of a conversation ({@link SelectList}), then its count of live messages. */
    static final String SELECT = """
            SELECT %s,
                   (SELECT count(*) FROM messages m
                     WHERE m.conversation_id = c.id AND m.deleted_at IS NULL) AS message_count
              FROM conversations c
            """.formatted(SelectList.wrap(
            SelectList.read(StorageSchema.CONVERSATIONS, column -> "c." + column.name()), "SELECT ".length()));

    static final String BY_ID = SELECT + " WHERE c.id = ?";
    static final String OWNER = "SELECT user_id FROM conversations WHERE id = ?";
    static final String FIRST_PAGE_OF_USER = SELECT + """
             WHERE c.user_id = ?
             ORDER BY c.updated_at DESC, c.id DESC
             LIMIT ?""";
    static final String NEXT_PAGE_OF_USER = SELECT + """
             WHERE c.user_id = ? AND (c.updated_at, c.id) < (?, ?)
             ORDER BY c.updated_at DESC, c.id DESC
             LIMIT ?""";

    private final JdbcTemplate jdbc;

    public ConversationQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ConversationView> find(UUID id) {
        return jdbc.query(BY_ID, ConversationQueries::row, id).stream().findFirst();
    }

    /** The owner of a conversation, without counting its messages. */
    public Optional<UUID> ownerOf(UUID id) {
        return jdbc.queryForList(OWNER, UUID.class, id).stream().findFirst();
    }

    /** Up to {@code rows} of the user's conversations, most recently updated first, after {@code after} if given. */
    public List<ConversationView> ofUser(UUID userId, Optional<Position> after, int rows) {
        if (after.isEmpty()) {
            return jdbc.query(FIRST_PAGE_OF_USER, ConversationQueries::row, userId, rows);
        }
        Position from = after.get();
        return jdbc.query(
                NEXT_PAGE_OF_USER, ConversationQueries::row, userId, Timestamps.bind(from.at()), from.id(), rows);
    }

    private static ConversationView row(ResultSet rs, int rowNum) throws SQLException {
        return new ConversationView(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getLong("message_count"));
    }
}
