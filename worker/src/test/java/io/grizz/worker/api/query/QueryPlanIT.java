package io.grizz.worker.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.worker.support.MessageTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every read-API query, exactly as the code sends it, is an index range scan on a table of
 * 200,000 messages: no sequential scan, no sort (the index gives the order), and on a next page
 * the cursor is part of the index condition (the scan starts at the cursor, it does not filter
 * its way there). The plans are written to {@code target/read-api-explain.txt} (the README
 * quotes them).
 */
class QueryPlanIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final StringBuilder REPORT = new StringBuilder();

    private static MessageTable table;
    private static UUID conversation;
    private static UUID user;
    private static UUID message;
    private static OffsetDateTime messageAt;
    private static OffsetDateTime conversationAt;

    @BeforeAll
    static void load() {
        table = MessageTable.create(
                "query_plans_" + UUID.randomUUID().toString().substring(0, 8), 4, 1_000, 200);
        Map<String, Object> middle = table.jdbc().queryForMap("""
                SELECT c.id AS conversation, c.user_id, c.updated_at, m.id AS message, m.created_at
                  FROM conversations c JOIN messages m ON m.conversation_id = c.id
                 WHERE c.created_at = timestamptz '2026-01-01 00:00:00Z' + interval '500 seconds'
                   AND m.created_at = c.created_at + interval '100 seconds'""");
        conversation = (UUID) middle.get("conversation");
        user = (UUID) middle.get("user_id");
        message = (UUID) middle.get("message");
        messageAt = table.jdbc()
                .queryForObject("SELECT created_at FROM messages WHERE id = ?", OffsetDateTime.class, message);
        conversationAt = table.jdbc()
                .queryForObject(
                        "SELECT updated_at FROM conversations WHERE id = ?", OffsetDateTime.class, conversation);
    }

    @AfterAll
    static void writeReport() throws IOException {
        Files.writeString(Path.of("target", "read-api-explain.txt"), REPORT.toString());
        table.close();
    }

    @Test
    void aConversationIsAPrimaryKeyLookupAndItsCountAnIndexOnlyScanOfLiveMessages() {
        JsonNode plan = explain("GET /v1/conversations/{id}", ConversationQueries.BY_ID, conversation);
        assertIndexScansOnly(plan, "conversations_pkey", "messages_of_conversation");
        assertThat(nodes(plan)).anySatisfy(n -> {
            assertThat(n.get("Node Type").asString()).isEqualTo("Index Only Scan");
            assertThat(n.get("Index Name").asString()).isEqualTo("messages_of_conversation");
        });
        assertIndexScansOnly(
                explain("owner check of GET /v1/conversations/{id}/messages", ConversationQueries.OWNER, conversation),
                "conversations_pkey");
    }

    @Test
    void aMessageIsAPrimaryKeyLookup() {
        assertIndexScansOnly(explain("GET /v1/messages/{id}", MessageQueries.BY_ID, message), "messages_pkey");
    }

    @Test
    void aPageOfMessagesIsARangeOfTheConversationsIndexStartingAtTheCursor() {
        assertIndexScansOnly(
                explain(
                        "GET /v1/conversations/{id}/messages (first page)",
                        MessageQueries.pageSql(false, false),
                        conversation,
                        51),
                "messages_of_conversation");
        JsonNode next = explain(
                "GET /v1/conversations/{id}/messages?cursor=…",
                MessageQueries.pageSql(false, true),
                conversation,
                messageAt,
                message,
                51);
        assertIndexScansOnly(next, "messages_of_conversation");
        assertCursorInIndexCondition(next, "created_at");
        assertIndexScansOnly(
                explain(
                        "GET /v1/conversations/{id}/messages?include_deleted=true (first page)",
                        MessageQueries.pageSql(true, false),
                        conversation,
                        51),
                "messages_of_conversation");
        JsonNode nextWithTombstones = explain(
                "GET /v1/conversations/{id}/messages?include_deleted=true&cursor=…",
                MessageQueries.pageSql(true, true),
                conversation,
                messageAt,
                message,
                51);
        assertIndexScansOnly(nextWithTombstones, "messages_of_conversation");
        assertCursorInIndexCondition(nextWithTombstones, "created_at");
    }

    @Test
    void aPageOfAUsersConversationsIsARangeOfTheUsersIndexStartingAtTheCursor() {
        assertIndexScansOnly(
                explain(
                        "GET /v1/users/{user_id}/conversations (first page)",
                        ConversationQueries.FIRST_PAGE_OF_USER,
                        user,
                        51),
                "conversations_by_user",
                "messages_of_conversation");
        JsonNode next = explain(
                "GET /v1/users/{user_id}/conversations?cursor=…",
                ConversationQueries.NEXT_PAGE_OF_USER,
                user,
                conversationAt,
                conversation,
                51);
        assertIndexScansOnly(next, "conversations_by_user", "messages_of_conversation");
        assertCursorInIndexCondition(next, "updated_at");
    }

    private static JsonNode explain(String title, String sql, Object... args) {
        String text = String.join(
                "\n",
                table.jdbc()
                        .queryForList(
                                "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql, String.class, args));
        REPORT.append("-- ").append(title).append('\n').append(text).append("\n\n");
        System.out.println("-- " + title + "\n" + text);
        String json = table.jdbc().queryForObject("EXPLAIN (FORMAT JSON) " + sql, String.class, args);
        return JSON.readTree(json).get(0).get("Plan");
    }

    /** Only index scans touch the tables, each index expected is used, and nothing is sorted. */
    private static void assertIndexScansOnly(JsonNode plan, String... indexes) {
        List<JsonNode> nodes = nodes(plan);
        List<String> used = new ArrayList<>();
        for (JsonNode node : nodes) {
            String type = node.get("Node Type").asString();
            assertThat(type).as("plan node").isNotIn("Seq Scan", "Sort", "Incremental Sort", "Bitmap Heap Scan");
            if (node.has("Index Name")) {
                used.add(node.get("Index Name").asString());
            }
        }
        assertThat(used).containsExactlyInAnyOrder(indexes);
    }

    private static void assertCursorInIndexCondition(JsonNode plan, String column) {
        assertThat(nodes(plan))
                .filteredOn(n -> n.has("Index Cond"))
                .anySatisfy(n -> assertThat(n.get("Index Cond").asString()).contains("ROW(" + column + ", id)"))
                .noneSatisfy(n -> assertThat(
                                n.has("Filter") && n.get("Filter").asString().contains(column))
                        .isTrue());
    }

    private static List<JsonNode> nodes(JsonNode plan) {
        List<JsonNode> all = new ArrayList<>();
        all.add(plan);
        if (plan.has("Plans")) {
            plan.get("Plans").forEach(child -> all.addAll(nodes(child)));
        }
        return all;
    }
}
