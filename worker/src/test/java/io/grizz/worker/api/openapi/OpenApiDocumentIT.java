package io.grizz.worker.api.openapi;

import static io.grizz.worker.support.ReadApiFixture.serviceToken;
import static io.grizz.worker.support.ReadApiFixture.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.ApiClient.Response;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.ReadApiFixture;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * /v3/api-docs is valid OpenAPI (swagger-parser finds nothing to say), and what the API really
 * answers — every endpoint, a tombstone of a message never seen, each problem — is valid against
 * the schema the document declares for that operation and status, $refs resolved in the document.
 */
class OpenApiDocumentIT {

    private static final String DOCUMENT_URI = "https://grizz.invalid/v3/api-docs";
    private static final UUID OWNER = UUID.randomUUID();
    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final UUID MESSAGE = UUID.randomUUID();
    private static final UUID NEVER_SEEN = UUID.randomUUID();

    private static ApiClient api;
    private static String documentText;
    private static JsonNode document;
    private static SchemaRegistry schemas;
    private static ConfigurableApplicationContext readDatabaseDown;

    @BeforeAll
    static void storeAndFetchTheDocument() {
        ReadApiFixture fixture = ReadApiFixture.shared();
        api = fixture.api();
        fixture.sendAndAwait(
                Events.created(CONVERSATION, OWNER, MESSAGE, 1, "hello"),
                Events.created(
                        CONVERSATION, OWNER, UUID.randomUUID(), 1, "with metadata", "{\"n\":1.5,\"tags\":[\"a\"]}"),
                Events.deleted(CONVERSATION, OWNER, NEVER_SEEN, 2));
        Response response = api.get("/v3/api-docs", null);
        assertThat(response.status()).isEqualTo(200);
        documentText = response.body();
        document = response.json();
        var dialect = document.get("openapi").asString().startsWith("3.0")
                ? Dialects.getOpenApi30()
                : Dialects.getOpenApi31();
        schemas = SchemaRegistry.withDefaultDialect(
                dialect, builder -> builder.schemas(Map.of(DOCUMENT_URI, documentText)));
        readDatabaseDown = fixture.startReadApi(Map.of(
                "grizz.read-api.database-url",
                "jdbc:postgresql://127.0.0.1:1/nowhere",
                "spring.datasource.hikari.connection-timeout",
                "1000"));
    }

    @AfterAll
    static void stop() {
        readDatabaseDown.close();
    }

    @Test
    void theDocumentIsValidOpenApi() {
        SwaggerParseResult result = new OpenAPIParser().readContents(documentText, null, null);
        assertThat(result.getOpenAPI()).as("parsed").isNotNull();
        assertThat(result.getMessages()).as(documentText).isEmpty();
        assertThat(document.at("/components/schemas/Problem").isObject()).isTrue();
    }

    @Test
    void everyEndpointsAnswerMatchesItsDeclaredSchema() {
        String owner = userToken(OWNER);
        assertMatches("/v1/conversations/{id}", "/v1/conversations/" + CONVERSATION, owner, 200);
        assertMatches(
                "/v1/conversations/{id}/messages",
                "/v1/conversations/" + CONVERSATION + "/messages?include_deleted=true",
                owner,
                200);
        assertMatches(
                "/v1/conversations/{id}/messages",
                "/v1/conversations/" + CONVERSATION + "/messages?limit=1",
                owner,
                200);
        assertMatches("/v1/messages/{id}", "/v1/messages/" + MESSAGE, owner, 200);
        assertMatches("/v1/users/{user_id}/conversations", "/v1/users/" + OWNER + "/conversations", owner, 200);
    }

    @Test
    void aTombstoneOfAMessageNeverSeenMatchesTheMessageSchema() {
        Response tombstone = assertMatches("/v1/messages/{id}", "/v1/messages/" + NEVER_SEEN, serviceToken(), 200);
        assertThat(tombstone.json().get("role").isNull()).isTrue();
        assertThat(tombstone.json().get("content").isNull()).isTrue();
    }

    @Test
    void everyProblemMatchesTheProblemSchema() {
        assertMatches("/v1/messages/{id}", "/v1/messages/not-a-uuid", serviceToken(), 400);
        assertMatches(
                "/v1/conversations/{id}/messages",
                "/v1/conversations/" + CONVERSATION + "/messages?limit=0",
                serviceToken(),
                400);
        assertMatches("/v1/messages/{id}", "/v1/messages/" + MESSAGE, null, 401);
        assertMatches("/v1/messages/{id}", "/v1/messages/" + UUID.randomUUID(), serviceToken(), 404);
        Response down = ReadApiFixture.client(readDatabaseDown).get("/v1/messages/" + MESSAGE, serviceToken());
        assertThat(down.status()).isEqualTo(503);
        assertValid(schemaOf("/v1/messages/{id}", 503, down.contentType()), down);
    }

    private static Response assertMatches(String template, String path, String token, int status) {
        Response response = api.get(path, token);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(status);
        assertValid(schemaOf(template, status, response.contentType()), response);
        return response;
    }

    private static void assertValid(Schema schema, Response response) {
        List<Error> errors = schema.validate(response.json());
        assertThat(errors).as(response.body()).isEmpty();
    }

    /** The schema the document declares for this operation's answer, a $ref into the document resolved there. */
    private static Schema schemaOf(String template, int status, String contentType) {
        JsonNode responses = document.get("paths").get(template).get("get").get("responses");
        JsonNode declared = responses.get(Integer.toString(status));
        assertThat(declared).as(template + " declares " + status).isNotNull();
        String mediaType = contentType.split(";")[0].trim();
        JsonNode content = declared.get("content").get(mediaType);
        if (content == null) {
            content = declared.get("content").get("*/*");
        }
        assertThat(content)
                .as(template + " " + status + " declares " + mediaType + ": " + declared)
                .isNotNull();
        JsonNode ref = content.get("schema").get("$ref");
        assertThat(ref)
                .as(template + " " + status + " refers to a component schema")
                .isNotNull();
        return schemas.getSchema(SchemaLocation.of(DOCUMENT_URI + ref.asString()));
    }
}
