package io.grizz.worker.api.openapi;

import static io.grizz.worker.api.openapi.OpenApiDocument.ref;
import static io.grizz.worker.api.openapi.OpenApiDocument.typed;

import io.grizz.worker.api.security.ResourceMetadata;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;

/**
 * {@link ResourceMetadata#PATH}, which Spring Security's resource server serves in a filter, where springdoc does
 * not look: its path and the schema of what it answers, the claims {@link ResourceMetadata} leaves in.
 */
final class ResourceMetadataPath {

    static final String SCHEMA = "ProtectedResourceMetadata";
    static final String TAG = "oauth";

    private ResourceMetadataPath() {}

    static void addTo(OpenAPI document) {
        document.getComponents().addSchemas(SCHEMA, schema());
        document.path(ResourceMetadata.PATH, new PathItem().get(operation()));
    }

    private static Operation operation() {
        return new Operation()
                .operationId("getProtectedResourceMetadata")
                .addTagsItem(TAG)
                .summary("OAuth 2.0 protected resource metadata (RFC 9728)")
                .description("What a client needs to know to present a token here. Every 401 names this URL in "
                        + "WWW-Authenticate (resource_metadata). Needs no token. The same path followed by a "
                        + "resource's path (e.g. " + ResourceMetadata.PATH + "/v1/messages) answers the same, "
                        + "naming that resource.")
                // open to anyone: no security requirement, stated rather than left to a default
                .security(List.of())
                .responses(new ApiResponses()
                        .addApiResponse(
                                "200",
                                new ApiResponse()
                                        .description("The metadata")
                                        .content(new Content()
                                                .addMediaType(
                                                        org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                                        new MediaType().schema(ref(SCHEMA))))));
    }

    private static Schema<?> schema() {
        return typed("object")
                .description("RFC 9728 §2; further members may appear")
                .addProperty(
                        "resource",
                        typed("string")
                                .format("uri")
                                .description("the resource's identifier: the URL of the read API (or of the "
                                        + "resource whose path followed the well-known path)"))
                .addProperty(
                        "bearer_methods_supported",
                        typed("array")
                                .items(typed("string")._enum(List.of("header")))
                                .description("how a bearer token is sent: in the Authorization header only"))
                .required(List.of("resource"));
    }
}
