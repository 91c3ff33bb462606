package io.grizz.worker.api.query;

import io.grizz.contracts.schema.ColumnModel;
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
 * The message reads. Each is an index range scan: the primary key, or a conversation's slice of
 * {@code messages_of_conversation (conversation_id, created_at, id) INCLUDE (deleted_at)}, walked
 * from the cursor on; without tombstones, those it meets are filtered out.
 *
 * <p>A page holds at most {@link #PAGE_BUDGET_BYTES} of content and metadata (docs/contract.md §5): 500
 * messages of 1 MiB would otherwise be one half-gigabyte answer. The budget is counted in SQL, as
 * a running sum in page order; {@code octet_length} of a stored text reads its size from the
 * TOAST pointer, so the rows past the budget are never loaded, only counted.
 */
public class MessageQueries {

    /** What one message page may hold of content and metadata, in bytes (UTF-8, metadata as JSON text). */
    public static final long PAGE_BUDGET_BYTES = 8L * 1024 * 1024;

    /** The API's columns of a message ({@link SelectList}), {@code metadata} as text. */
    static final String COLUMNS = SelectList.wrap(SelectList.read(StorageSchema.MESSAGES, SelectList::asRead), 0);

    static final String BY_ID = "SELECT " + COLUMNS + " FROM messages WHERE id = ?";
    static final String OF_CONVERSATION = " WHERE conversation_id = ?";
    static final String AFTER = " AND (created_at, id) > (?, ?)";
    static final String NOT_DELETED = " AND deleted_at IS NULL";
    /** What a row spends of the budget. */
    static final String BYTES = "coalesce(octet_length(content), 0) + coalesce(octet_length(metadata::text), 0)";
    /**
     * The inner query walks the index as before, {@code total} being the budget spent up to and
     * including the row. The outer one keeps the rows that start within the budget: those that
     * fit, and at most one more, which only says that the page ends early — its content and
     * metadata are not read.
     *
     * <p>The inner query's list is derived ({@link SelectList}); the outer one stays spelled out: content and
     * metadata are budget-gated expressions there, not columns, and a column the API gains is added to it by hand
     * (docs/schema.md), as it is to {@link #row}.
     */
    static final String PAGE = """
            SELECT id, conversation_id, user_id, role,
                   CASE WHEN n = 1 OR total <= %1$d THEN content END AS content,
                   CASE WHEN n = 1 OR total <= %1$d THEN metadata::text END AS metadata,
                   revision, created_at, updated_at, deleted_at, n = 1 OR total <= %1$d AS fits
              FROM (SELECT {columns}, %2$s AS bytes,
                           row_number() OVER page AS n, sum(%2$s) OVER page AS total
                      FROM messages%3$s
                    WINDOW page AS (ORDER BY created_at, id ROWS UNBOUNDED PRECEDING)
                     ORDER BY created_at, id LIMIT ?) counted
             WHERE total - bytes <= %1$d
             ORDER BY created_at, id""".replace(
            "{columns}",
            SelectList.wrap(SelectList.read(StorageSchema.MESSAGES, ColumnModel::name), "  FROM (SELECT ".length()));

    private final JdbcTemplate jdbc;

    public MessageQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<MessageView> find(UUID id) {
        return jdbc.query(BY_ID, (rs, n) -> row(rs), id).stream().findFirst();
    }

    /**
     * Up to {@code rows} messages of a conversation, oldest first, after {@code after} if given,
     * cut where the page budget runs out.
     */
    public Budgeted ofConversation(UUID conversationId, boolean includeDeleted, Optional<Position> after, int rows) {
        String sql = pageSql(includeDeleted, after.isPresent());
        List<Fetched> fetched;
        if (after.isEmpty()) {
            fetched = jdbc.query(sql, MessageQueries::fetched, conversationId, rows);
        } else {
            Position from = after.get();
            fetched = jdbc.query(
                    sql, MessageQueries::fetched, conversationId, Timestamps.bind(from.at()), from.id(), rows);
        }
        int fitting = (int) fetched.stream().filter(Fetched::fits).count();
        return new Budgeted(fetched.stream().map(Fetched::message).toList(), fitting);
    }

    /**
     * The four page queries differ only in two constant clauses; every value stays a bound
     * parameter (the budget is a constant of this class, not input).
     */
    static String pageSql(boolean includeDeleted, boolean afterCursor) {
        String where = OF_CONVERSATION + (afterCursor ? AFTER : "") + (includeDeleted ? "" : NOT_DELETED);
        return PAGE.formatted(PAGE_BUDGET_BYTES, BYTES, where);
    }

    /**
     * @param rows    the rows fetched, in page order; past {@code fitting}, without content or metadata
     * @param fitting how many of them fit the page budget (at least one when any was fetched)
     */
    public record Budgeted(List<MessageView> rows, int fitting) {}

    private record Fetched(MessageView message, boolean fits) {}

    private static Fetched fetched(ResultSet rs, int rowNum) throws SQLException {
        return new Fetched(row(rs), rs.getBoolean("fits"));
    }

    private static MessageView row(ResultSet rs) throws SQLException {
        OffsetDateTime deletedAt = rs.getObject("deleted_at", OffsetDateTime.class);
        return new MessageView(
                rs.getObject("id", UUID.class),
                rs.getObject("conversation_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("role"),
                rs.getString("content"),
                rs.getString("metadata"),
                rs.getInt("revision"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                deletedAt == null ? null : deletedAt.toInstant());
    }
}
