package io.grizz.worker.api.openapi;

import static io.grizz.worker.api.openapi.OpenApiDocument.ref;
import static io.grizz.worker.api.openapi.OpenApiDocument.typed;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.List;
import java.util.TreeMap;

/**
 * The problems (RFC 9457) of the {@code /v1} operations. An operation declares the ones only it gives — its 400 names
 * just its own parameters, its 404 what it looks for — with {@code @ApiResponse} beside its parameters; this adds
 * what the security filter chain and the exception handler answer to every one (401, and 503 unless the operation
 * says more), and gives every 4xx and 5xx the {@value #SCHEMA} schema as {@code application/problem+json}.
 *
 * <p>405 belongs to no operation: it answers the methods that are not one (a GET never gets it), so each
 * {@code /v1} path item says it instead.
 */
final class ProblemResponses {

    static final String SCHEMA = "Problem";

    static final String ONLY_GET = "GET only: any other method (POST, PUT, PATCH, DELETE) answers 405 Method Not "
            + "Allowed with Allow: GET and a Problem (application/problem+json) once the bearer token is accepted; "
            + "without a valid token, 401 first.";

    private static final String UNAVAILABLE =
            "The database is not answering, or the read passed its statement timeout: retry later";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private ProblemResponses() {}

    static void addTo(OpenAPI document) {
        document.getComponents().addSchemas(SCHEMA, schema());
        document.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/v1/")) {
                return;
            }
            item.description(ONLY_GET);
            for (Operation operation : item.readOperations()) {
                operation.setResponses(completed(operation.getResponses()));
            }
        });
    }

    /** The operation's responses with 401 and 503 added, a Problem body on every error, in order of status. */
    private static ApiResponses completed(ApiResponses declared) {
        TreeMap<String, ApiResponse> byStatus = new TreeMap<>(declared);
        byStatus.put(
                "401",
                new ApiResponse()
                        .description("No valid bearer token: none, malformed, expired, wrongly signed, for another "
                                + "audience, or standing for no reader (sub not a user id and no service scope)")
                        .addHeaderObject(
                                "WWW-Authenticate",
                                new Header()
                                        .required(true)
                                        .description("Bearer (RFC 6750), with the error and resource_metadata: "
                                                + "the URL of the protected resource metadata (RFC 9728)")
                                        .schema(typed("string"))));
        byStatus.putIfAbsent("503", new ApiResponse().description(UNAVAILABLE));
        ApiResponses completed = new ApiResponses();
        byStatus.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(ref(SCHEMA))));
            }
            completed.addApiResponse(status, response);
        });
        return completed;
    }

    /** RFC 9457: type and instance are URI references ({@code about:blank}, {@code /v1/messages/…}). */
    private static Schema<?> schema() {
        return typed("object")
                .description("RFC 9457 problem details; further members may appear")
                .addProperty(
                        "type",
                        typed("string")
                                .format("uri-reference")
                                .description("the problem's type; absent means about:blank (the status says it all)"))
                .addProperty("title", typed("string").description("the status's reason phrase"))
                .addProperty(
                        "status",
                        typed("integer")
                                .format("int32")
                                .minimum(BigDecimal.valueOf(400))
                                .maximum(BigDecimal.valueOf(599))
                                .description("the HTTP status"))
                .addProperty("detail", typed("string").description("what went wrong with this request"))
                .addProperty(
                        "instance", typed("string").format("uri-reference").description("the path that was asked for"))
                .required(List.of("title", "status"));
    }
}
