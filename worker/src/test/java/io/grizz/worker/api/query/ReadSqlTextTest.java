package io.grizz.worker.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The read API's statements, byte for byte, as they were spelled by hand before issue 19 derived their column
 * lists from {@code StorageSchema}: a structural change, so the text must not move. Each expected value is the
 * literal the derivation replaced.
 */
class ReadSqlTextTest {

    @Test
    void theMessageColumnsAndReadByIdAreTheLiteralsTheyReplaced() {
        assertThat(MessageQueries.COLUMNS).isEqualTo("""
                id, conversation_id, user_id, role, content, metadata::text AS metadata, revision,
                created_at, updated_at, deleted_at""");
        assertThat(MessageQueries.BY_ID)
                .isEqualTo("SELECT id, conversation_id, user_id, role, content, metadata::text AS metadata, revision,\n"
                        + "created_at, updated_at, deleted_at FROM messages WHERE id = ?");
    }

    @Test
    void thePageTemplateIsTheLiteralItReplaced() {
        assertThat(MessageQueries.PAGE).isEqualTo(PAGE);
    }

    @Test
    void eachOfTheFourPagesIsTheLiteralItReplaced() {
        String[] wheres = {
            " WHERE conversation_id = ? AND deleted_at IS NULL",
            " WHERE conversation_id = ?",
            " WHERE conversation_id = ? AND (created_at, id) > (?, ?) AND deleted_at IS NULL",
            " WHERE conversation_id = ? AND (created_at, id) > (?, ?)"
        };
        String bytes = "coalesce(octet_length(content), 0) + coalesce(octet_length(metadata::text), 0)";
        for (int i = 0; i < 4; i++) {
            boolean includeDeleted = (i & 1) == 1;
            boolean after = (i & 2) == 2;
            assertThat(MessageQueries.pageSql(includeDeleted, after))
                    .isEqualTo(PAGE.formatted(8L * 1024 * 1024, bytes, wheres[i]));
        }
    }

    @Test
    void theConversationReadsAreTheLiteralsTheyReplaced() {
        assertThat(ConversationQueries.SELECT).isEqualTo("""
                SELECT c.id, c.user_id, c.created_at, c.updated_at,
                       (SELECT count(*) FROM messages m
                         WHERE m.conversation_id = c.id AND m.deleted_at IS NULL) AS message_count
                  FROM conversations c
                """);
        assertThat(ConversationQueries.OWNER).isEqualTo("SELECT user_id FROM conversations WHERE id = ?");
    }

    private static final String PAGE = """
            SELECT id, conversation_id, user_id, role,
                   CASE WHEN n = 1 OR total <= %1$d THEN content END AS content,
                   CASE WHEN n = 1 OR total <= %1$d THEN metadata::text END AS metadata,
                   revision, created_at, updated_at, deleted_at, n = 1 OR total <= %1$d AS fits
              FROM (SELECT id, conversation_id, user_id, role, content, metadata, revision,
                           created_at, updated_at, deleted_at, %2$s AS bytes,
                           row_number() OVER page AS n, sum(%2$s) OVER page AS total
                      FROM messages%3$s
                    WINDOW page AS (ORDER BY created_at, id ROWS UNBOUNDED PRECEDING)
                     ORDER BY created_at, id LIMIT ?) counted
             WHERE total - bytes <= %1$d
             ORDER BY created_at, id""";
}
