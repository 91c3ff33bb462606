package io.grizz.worker.api;

import static io.grizz.worker.api.ReadApiAssertions.assertProblem;
import static io.grizz.worker.api.ReadApiAssertions.ids;
import static io.grizz.worker.support.ReadApiFixture.serviceToken;
import static io.grizz.worker.support.ReadApiFixture.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.EventType;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.Role;
import io.grizz.worker.api.security.ResourceMetadata;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.ApiClient.Response;
import io.grizz.worker.support.ReadApiFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each row of docs/contract.md §5 over real HTTP, against a read-api-only worker, with data that went in
 * through Kafka and an ingest-only worker. The database session runs in a time zone far from
 * UTC, so every timestamp checked here also proves the answers are in UTC.
 */
class ReadApiIT {

    private static final Set<String> CONVERSATION_FIELDS =
            Set.of("id", "user_id", "created_at", "updated_at", "message_count");
    private static final Set<String> MESSAGE_FIELDS = Set.of(
            "id",
            "conversation_id",
            "user_id",
            "role",
            "content",
            "metadata",
            "revision",
            "created_at",
            "updated_at",
            "deleted_at");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ReadApiFixture fixture;
    private static ApiClient api;

    private final UUID user = UUID.randomUUID();
    private final UUID conversation = UUID.randomUUID();
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private final UUID deleted = UUID.randomUUID();

    @BeforeAll
    static void start() {
        fixture = ReadApiFixture.shared();
        api = fixture.api();
    }

    /** Three messages, the last one deleted; the conversation's latest write is the delete at 12:00:10.5. */
    private void storeConversation() {
        fixture.sendAndAwait(
                write(
                        EventType.CREATED,
                        "2026-03-01T12:00:01.123456Z",
                        first,
                        1,
                        "hello",
                        "{\"lang\":\"en\",\"n\":[1,2]}"),
                write(EventType.CREATED, "2026-03-01T12:00:02Z", second, 1, "draft", null),
                write(EventType.UPDATED, "2026-03-01T12:00:05Z", second, 2, "final", null),
                write(EventType.CREATED, "2026-03-01T12:00:03Z", deleted, 1, "regret", "{\"x\":1}"),
                write(EventType.DELETED, "2026-03-01T12:00:10.5Z", deleted, 2, null, null));
    }

    @Test
    void aConversationAnswersItsFieldsInUtcAndCountsOnlyMessagesNotDeleted() {
        storeConversation();

        Response response = api.get("/v1/conversations/" + conversation, userToken(user));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(fieldNames(body)).isEqualTo(CONVERSATION_FIELDS);
        assertThat(body.get("id").asString()).isEqualTo(conversation.toString());
        assertThat(body.get("user_id").asString()).isEqualTo(user.toString());
        assertThat(body.get("created_at").asString()).isEqualTo("2026-03-01T12:00:01.123456Z");
        assertThat(body.get("updated_at").asString()).isEqualTo("2026-03-01T12:00:10.500Z");
        assertThat(body.get("message_count").asLong()).isEqualTo(2);
    }

    @Test
    void aConversationsMessagesComeOldestFirstWithoutTombstonesUnlessAskedFor() {
        storeConversation();

        JsonNode page = api.get("/v1/conversations/" + conversation + "/messages", userToken(user))
                .json();
        assertThat(fieldNames(page)).isEqualTo(Set.of("items", "next_cursor"));
        assertThat(ids(page)).containsExactly(first.toString(), second.toString());
        assertThat(page.get("next_cursor").isNull()).isTrue();

        JsonNode withTombstones = api.get(
                        "/v1/conversations/" + conversation + "/messages?include_deleted=true", userToken(user))
                .json();
        assertThat(ids(withTombstones)).containsExactly(first.toString(), second.toString(), deleted.toString());
        JsonNode tombstone = withTombstones.get("items").get(2);
        assertThat(fieldNames(tombstone)).isEqualTo(MESSAGE_FIELDS);
        assertThat(tombstone.get("content").isNull()).isTrue();
        assertThat(tombstone.get("metadata").isNull()).isTrue();
        assertThat(tombstone.get("deleted_at").asString()).isEqualTo("2026-03-01T12:00:10.500Z");
        assertThat(tombstone.get("role").asString()).isEqualTo("user");
        assertThat(tombstone.get("revision").asInt()).isEqualTo(2);

        JsonNode explicitFalse = api.get(
                        "/v1/conversations/" + conversation + "/messages?include_deleted=false", userToken(user))
                .json();
        assertThat(ids(explicitFalse)).containsExactly(first.toString(), second.toString());
    }

    @Test
    void aMessageAnswersEveryFieldWithNullWhereEmpty() {
        storeConversation();

        Response response = api.get("/v1/messages/" + first, userToken(user));
        assertThat(response.status()).isEqualTo(200);
        JsonNode message = response.json();
        assertThat(fieldNames(message)).isEqualTo(MESSAGE_FIELDS);
        assertThat(message.get("id").asString()).isEqualTo(first.toString());
        assertThat(message.get("conversation_id").asString()).isEqualTo(conversation.toString());
        assertThat(message.get("user_id").asString()).isEqualTo(user.toString());
        assertThat(message.get("role").asString()).isEqualTo("assistant");
        assertThat(message.get("content").asString()).isEqualTo("hello");
        assertThat(message.get("metadata")).isEqualTo(JSON.readTree("{\"lang\":\"en\",\"n\":[1,2]}"));
        assertThat(message.get("revision").asInt()).isEqualTo(1);
        assertThat(message.get("created_at").asString()).isEqualTo("2026-03-01T12:00:01.123456Z");
        assertThat(message.get("updated_at").asString()).isEqualTo("2026-03-01T12:00:01.123456Z");
        assertThat(message.get("deleted_at").isNull()).isTrue();

        JsonNode updated = api.get("/v1/messages/" + second, userToken(user)).json();
        assertThat(updated.get("content").asString()).isEqualTo("final");
        assertThat(updated.get("metadata").isNull()).isTrue();
        assertThat(updated.get("revision").asInt()).isEqualTo(2);
        assertThat(updated.get("created_at").asString()).isEqualTo("2026-03-01T12:00:02Z");
        assertThat(updated.get("updated_at").asString()).isEqualTo("2026-03-01T12:00:05Z");
    }

    @Test
    void aDeletedMessageAnswers200AsItsTombstone() {
        storeConversation();

        Response response = api.get("/v1/messages/" + deleted, userToken(user));

        assertThat(response.status()).isEqualTo(200);
        JsonNode tombstone = response.json();
        assertThat(fieldNames(tombstone)).isEqualTo(MESSAGE_FIELDS);
        assertThat(tombstone.get("deleted_at").asString()).isEqualTo("2026-03-01T12:00:10.500Z");
        assertThat(tombstone.get("content").isNull()).isTrue();
        assertThat(tombstone.get("metadata").isNull()).isTrue();
    }

    @Test
    void aDeleteOfAMessageNeverSeenAnswersATombstoneWithoutRole() {
        UUID ghost = UUID.randomUUID();
        fixture.sendAndAwait(write(EventType.DELETED, "2026-03-01T12:00:00Z", ghost, 4, null, null));

        JsonNode tombstone = api.get("/v1/messages/" + ghost, userToken(user)).json();

        assertThat(fieldNames(tombstone)).isEqualTo(MESSAGE_FIELDS);
        assertThat(tombstone.get("role").isNull()).isTrue();
        assertThat(tombstone.get("revision").asInt()).isEqualTo(4);
    }

    @Test
    void aUsersConversationsComeMostRecentlyUpdatedFirst() {
        storeConversation();
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        fixture.sendAndAwait(
                new MessageWrite(
                        UUID.randomUUID(),
                        EventType.CREATED,
                        Instant.parse("2026-02-01T00:00:00Z"),
                        UUID.randomUUID(),
                        older,
                        user,
                        1,
                        Role.USER,
                        "old",
                        null),
                new MessageWrite(
                        UUID.randomUUID(),
                        EventType.CREATED,
                        Instant.parse("2026-04-01T00:00:00Z"),
                        UUID.randomUUID(),
                        newer,
                        user,
                        1,
                        Role.USER,
                        "new",
                        null));

        Response response = api.get("/v1/users/" + user + "/conversations", userToken(user));

        assertThat(response.status()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(ids(page)).containsExactly(newer.toString(), conversation.toString(), older.toString());
        assertThat(page.get("next_cursor").isNull()).isTrue();
        JsonNode item = page.get("items").get(1);
        assertThat(fieldNames(item)).isEqualTo(CONVERSATION_FIELDS);
        assertThat(item.get("message_count").asLong()).isEqualTo(2);
        assertThat(item.get("updated_at").asString()).isEqualTo("2026-03-01T12:00:10.500Z");
    }

    @Test
    void aUserWithoutConversationsHasAnEmptyList() {
        JsonNode page =
                api.get("/v1/users/" + user + "/conversations", userToken(user)).json();

        assertThat(page.get("items").isEmpty()).isTrue();
        assertThat(page.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void malformedIdsLimitsAndCursorsAre400Problems() {
        storeConversation();
        String token = userToken(user);
        List<String> malformed = new ArrayList<>(List.of(
                "/v1/conversations/not-a-uuid",
                "/v1/conversations/1-1-1-1-1",
                "/v1/conversations/" + conversation + "x",
                "/v1/messages/12345",
                "/v1/conversations/%20/messages",
                "/v1/users/me/conversations",
                "/v1/conversations/" + conversation + "/messages?limit=0",
                "/v1/conversations/" + conversation + "/messages?limit=501",
                "/v1/conversations/" + conversation + "/messages?limit=-1",
                "/v1/conversations/" + conversation + "/messages?limit=ten",
                "/v1/conversations/" + conversation + "/messages?limit=99999999999",
                "/v1/conversations/" + conversation + "/messages?include_deleted=perhaps",
                "/v1/conversations/" + conversation + "/messages?cursor=not-a-cursor",
                "/v1/users/" + user + "/conversations?limit=0",
                "/v1/users/" + user + "/conversations?cursor=AAAA"));
        for (String path : malformed) {
            assertProblem(api.get(path, token), 400, path);
        }
        assertThat(api.get("/v1/conversations/" + conversation + "/messages?limit=500", token)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/v1/conversations/" + conversation + "/messages?limit=1", token)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/v1/conversations/" + conversation.toString().toUpperCase(), token)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void unknownThingsAre404ProblemsAndWrongMethodsAre405() {
        String token = serviceToken();
        UUID unknown = UUID.randomUUID();
        assertProblem(api.get("/v1/conversations/" + unknown, token), 404, "conversation");
        assertProblem(api.get("/v1/conversations/" + unknown + "/messages", token), 404, "messages");
        assertProblem(api.get("/v1/messages/" + unknown, token), 404, "message");
        assertProblem(api.get("/v1/nothing-here", token), 404, "unknown path");
        assertProblem(api.get("/v2/conversations/" + unknown, token), 404, "unknown version");
        assertProblem(api.send("DELETE", "/v1/messages/" + unknown, token), 405, "DELETE");
        assertProblem(api.send("POST", "/v1/conversations/" + unknown, token), 405, "POST");
    }

    @Test
    void aClientThatAcceptsOnlyHtmlStillGetsItsErrorsAsProblems() {
        String token = serviceToken();
        UUID unknown = UUID.randomUUID();
        assertProblem(api.getAccepting("/v1/nothing-here", token, "text/html"), 404, "unknown path, html");
        // an endpoint that only speaks JSON says so before it looks anything up
        assertProblem(api.getAccepting("/v1/messages/" + unknown, token, "text/html"), 406, "unknown message, html");
        assertProblem(
                api.getAccepting("/v1/conversations/" + conversation, token, "text/html"), 406, "JSON not accepted");
        // JSON accepted at a lower quality: the request gets as far as the lookup, and its own answer
        assertProblem(
                api.getAccepting("/v1/conversations/" + unknown, token, "text/html, application/json;q=0.5"),
                404,
                "JSON accepted at a lower quality");
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointParameterResponseAndTheBearerScheme() {
        Response response = api.get("/v3/api-docs", null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode doc = response.json();
        JsonNode paths = doc.get("paths");
        assertThat(fieldNames(paths))
                .isEqualTo(Set.of(
                        "/v1/conversations/{id}",
                        "/v1/conversations/{id}/messages",
                        "/v1/messages/{id}",
                        "/v1/users/{user_id}/conversations",
                        ResourceMetadata.PATH));
        assertThat(parameterNames(paths.get("/v1/conversations/{id}/messages").get("get")))
                .containsExactlyInAnyOrder("id", "limit", "cursor", "include_deleted");
        assertThat(parameterNames(paths.get("/v1/users/{user_id}/conversations").get("get")))
                .containsExactlyInAnyOrder("user_id", "limit", "cursor");
        JsonNode limit = parameter(paths.get("/v1/conversations/{id}/messages").get("get"), "limit")
                .get("schema");
        assertThat(limit.get("type").asString()).isEqualTo("integer");
        assertThat(limit.get("minimum").intValue()).isEqualTo(1);
        assertThat(limit.get("maximum").intValue()).isEqualTo(500);
        assertThat(limit.get("default").isNumber()).isTrue();
        assertThat(limit.get("default").intValue()).isEqualTo(50);
        for (String path : List.of(
                "/v1/conversations/{id}",
                "/v1/conversations/{id}/messages",
                "/v1/messages/{id}",
                "/v1/users/{user_id}/conversations")) {
            JsonNode get = paths.get(path).get("get");
            assertThat(get.get("security").toString()).as(path).contains("bearer");
            JsonNode responses = get.get("responses");
            assertThat(responses.get("200").get("content").has("application/json"))
                    .as(path)
                    .isTrue();
            for (String status : List.of("400", "401", "404")) {
                assertThat(responses.get(status).get("content").has("application/problem+json"))
                        .as(path + " " + status)
                        .isTrue();
            }
        }
        JsonNode bearer = doc.get("components").get("securitySchemes").get("bearer");
        assertThat(bearer.get("type").asString()).isEqualTo("http");
        assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
        assertThat(bearer.get("bearerFormat").asString()).isEqualTo("JWT");
        JsonNode schemas = doc.get("components").get("schemas");
        assertThat(fieldNames(schemas.get("Message").get("properties"))).isEqualTo(MESSAGE_FIELDS);
        assertThat(schemas.get("Message")
                        .get("properties")
                        .get("metadata")
                        .get("type")
                        .toString())
                .contains("object")
                .contains("null");
        assertThat(fieldNames(schemas.get("Conversation").get("properties"))).isEqualTo(CONVERSATION_FIELDS);
    }

    private MessageWrite write(
            EventType type, String occurredAt, UUID message, int revision, String content, String metadata) {
        return new MessageWrite(
                UUID.randomUUID(),
                type,
                Instant.parse(occurredAt),
                message,
                conversation,
                user,
                revision,
                role(message),
                content,
                metadata);
    }

    private Role role(UUID message) {
        return message.equals(first) ? Role.ASSISTANT : Role.USER;
    }

    static Set<String> fieldNames(JsonNode node) {
        return Set.copyOf(node.propertyNames());
    }

    private static List<String> parameterNames(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.get("parameters").forEach(p -> names.add(p.get("name").asString()));
        return names;
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode p : operation.get("parameters")) {
            if (p.get("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no parameter " + name);
    }
}
