package io.grizz.worker.api.openapi;

import static io.grizz.worker.support.ReadApiFixture.serviceToken;
import static io.grizz.worker.support.ReadApiFixture.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.grizz.worker.api.security.ResourceMetadata;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.ApiClient.Response;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.ReadApiFixture;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * /v3/api-docs is valid OpenAPI (swagger-parser finds nothing to say) and says what a client generator needs (every
 * schema typed, each operation's own 400, the 405 of other methods, the protected resource metadata), and what the
 * API really answers — every endpoint, a tombstone of a message never seen, each problem, the metadata — is valid
 * against the schema the document declares for that operation and status, $refs resolved in the document.
 * OpenApiClientIT reads the same document with Redocly's linter and a generated TypeScript client.
 */
class OpenApiDocumentIT {

    private static final String DOCUMENT_URI = "https://grizz.invalid/v3/api-docs";
    private static final UUID OWNER = UUID.randomUUID();
    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final UUID MESSAGE = UUID.randomUUID();
    private static final UUID NEVER_SEEN = UUID.randomUUID();
    /** Every query or path parameter of the /v1 operations: a 400 names those of its operation and no other. */
    private static final List<String> PARAMETERS =
            List.of("id", "user_id", "limit", "cursor", "include_deleted", "min_revision");

    private static final List<String> OTHER_METHODS = List.of("POST", "PUT", "PATCH", "DELETE");

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
    void everySchemaAndPropertyIsTyped() {
        List<String> untyped = new ArrayList<>();
        document.get("components").get("schemas").properties().forEach(component -> {
            if (!component.getValue().has("type")) {
                untyped.add(component.getKey());
            }
            JsonNode properties = component.getValue().get("properties");
            if (properties != null) {
                properties.properties().forEach(property -> {
                    if (!property.getValue().has("type") && !property.getValue().has("$ref")) {
                        untyped.add(component.getKey() + "." + property.getKey());
                    }
                });
            }
        });
        assertThat(untyped).as(documentText).isEmpty();
    }

    @Test
    void metadataIsAJsonObjectOfAnyMembersOrNull() {
        JsonNode metadata = document.at("/components/schemas/Message/properties/metadata");
        assertThat(metadata.get("type").values())
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("object", "null");
        assertThat(metadata.get("additionalProperties").asBoolean())
                .as(metadata.toString())
                .isTrue();
    }

    @Test
    void eachOperationsBadRequestNamesItsOwnParametersOnly() {
        v1Operations().forEach((where, operation) -> {
            Set<String> own = new TreeSet<>();
            operation
                    .get("parameters")
                    .values()
                    .forEach(p -> own.add(p.get("name").asString()));
            String badRequest = operation.at("/responses/400/description").asString();
            for (String parameter : PARAMETERS) {
                boolean named = Pattern.compile("\\b" + parameter + "\\b")
                        .matcher(badRequest)
                        .find();
                assertThat(named)
                        .as("%s: 400 \"%s\" names %s", where, badRequest, parameter)
                        .isEqualTo(own.contains(parameter));
            }
        });
    }

    @Test
    void everyOtherMethodOfAV1PathIsA405ProblemAsThePathItemSays() {
        Schema problem = schemas.getSchema(SchemaLocation.of(DOCUMENT_URI + "#/components/schemas/Problem"));
        Map<String, String> examples = Map.of(
                "/v1/conversations/{id}", "/v1/conversations/" + CONVERSATION,
                "/v1/conversations/{id}/messages", "/v1/conversations/" + CONVERSATION + "/messages",
                "/v1/messages/{id}", "/v1/messages/" + MESSAGE,
                "/v1/users/{user_id}/conversations", "/v1/users/" + OWNER + "/conversations");
        assertThat(v1Paths()).containsExactlyInAnyOrderElementsOf(examples.keySet());
        examples.forEach((template, path) -> {
            assertThat(document.get("paths").get(template).get("description").asString())
                    .contains("405")
                    .contains("Allow: GET");
            for (String method : OTHER_METHODS) {
                Response response = api.send(method, path, serviceToken());
                assertThat(response.status()).as(method + " " + path).isEqualTo(405);
                assertThat(response.header("Allow")).isEqualTo("GET");
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertValid(problem, response);
            }
        });
    }

    @Test
    void theProtectedResourceMetadataEveryUnauthorizedNamesIsDocumentedAndClaimsNoCertificateBinding() {
        Response unauthorized = api.get("/v1/messages/" + MESSAGE, null);
        assertThat(unauthorized.header("WWW-Authenticate")).contains("resource_metadata=\"");
        String url = unauthorized.header("WWW-Authenticate").replaceFirst(".*resource_metadata=\"([^\"]+)\".*", "$1");
        assertThat(url).endsWith(ResourceMetadata.PATH);

        Response metadata = assertMatches(ResourceMetadata.PATH, ResourceMetadata.PATH, null, 200);
        assertThat(metadata.json().get("resource").asString()).isEqualTo(url.replace(ResourceMetadata.PATH, ""));
        assertThat(metadata.json().properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("resource", "bearer_methods_supported");
        JsonNode declared = document.get("paths").get(ResourceMetadata.PATH).get("get");
        assertThat(declared.get("security").isEmpty()).as("needs no token").isTrue();
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

    /** The /v1 path templates of the document. */
    private static List<String> v1Paths() {
        List<String> paths = new ArrayList<>();
        document.get("paths").properties().forEach(path -> {
            if (path.getKey().startsWith("/v1/")) {
                paths.add(path.getKey());
            }
        });
        return paths;
    }

    /** Every operation of the /v1 paths, by method and path. */
    private static Map<String, JsonNode> v1Operations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        for (String path : v1Paths()) {
            document.get("paths").get(path).properties().forEach(entry -> {
                if (entry.getValue().has("responses")) {
                    operations.put(entry.getKey().toUpperCase(Locale.ROOT) + " " + path, entry.getValue());
                }
            });
        }
        assertThat(operations).hasSize(4);
        return operations;
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
