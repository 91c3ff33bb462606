package io.grizz.worker.api.openapi;

import io.grizz.contracts.Wire;
import io.grizz.worker.config.ConditionalOnRole;
import io.grizz.worker.config.WorkerRole;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code /v3/api-docs} says beyond what springdoc reads from the controllers: the bearer
 * scheme, and the problem responses every {@code /v1} operation can give — they come from the
 * security filter and the exception handler, where springdoc does not look.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(WorkerRole.READ_API)
class OpenApiDocument {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI readApiDocument() {
        return new OpenAPI()
                .info(new Info()
                        .title("grizz-persist read API")
                        .version("v1")
                        .description("Conversations and messages as stored by grizz-persist (docs/contract.md §5)."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("HS256 with READ_API_JWT_SECRET, "
                                                + "or the keys of READ_API_JWT_ISSUER_URI. "
                                                + "sub is the user id; "
                                                + "the scope " + Wire.SERVICE_SCOPE + " reads every user's data. "
                                                + "exp is required; "
                                                + "aud must hold READ_API_JWT_AUDIENCE when that is set.")));
    }

    /**
     * Runs on the document springdoc built, after it pruned the component schemas nothing it saw
     * referred to: so the Problem schema is added here, with the responses that refer to it —
     * added to the first bean instead, it was pruned and every problem response pointed nowhere.
     */
    @Bean
    OpenApiCustomizer problemResponsesAndBearer() {
        return document -> {
            document.getComponents().addSchemas(PROBLEM, problemSchema());
            document.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/v1/")) {
                    return;
                }
                for (Operation operation : item.readOperations()) {
                    operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                    problems().forEach(operation.getResponses()::addApiResponse);
                }
            });
            NullableFields.declare(document);
        };
    }

    /** RFC 9457: type and instance are URI references ({@code about:blank}, {@code /v1/messages/…}). */
    private static Schema<?> problemSchema() {
        return new Schema<>()
                .type("object")
                .description("RFC 9457 problem details")
                .addProperty("type", new Schema<>().type("string").format("uri-reference"))
                .addProperty("title", new Schema<>().type("string"))
                .addProperty("status", new Schema<>().type("integer"))
                .addProperty("detail", new Schema<>().type("string"))
                .addProperty("instance", new Schema<>().type("string").format("uri-reference"));
    }

    private static Map<String, ApiResponse> problems() {
        Map<String, ApiResponse> responses = new LinkedHashMap<>();
        responses.put("400", problem("Malformed id, limit or cursor"));
        responses.put("401", problem("No valid bearer token (WWW-Authenticate: Bearer)"));
        responses.put("404", problem("Unknown, or not the caller's"));
        responses.put("503", problem("The database is not answering, or the read passed its statement timeout"));
        return responses;
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }
}
