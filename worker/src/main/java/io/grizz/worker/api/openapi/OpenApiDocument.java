package io.grizz.worker.api.openapi;

import io.grizz.contracts.Wire;
import io.grizz.worker.config.ConditionalOnRole;
import io.grizz.worker.config.WorkerRole;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code /v3/api-docs} says beyond what springdoc reads from the controllers: who may call what (the bearer
 * scheme), the problems every {@code /v1} operation can give ({@link ProblemResponses}) and the protected resource
 * metadata ({@link ResourceMetadataPath}) — they come from the security filter chain and the exception handler,
 * where springdoc does not look.
 *
 * <p>The document is OpenAPI 3.1, so a schema's type is {@link #typed its set of types}: swagger-models writes
 * {@code Schema.type(…)} only into 3.0 documents, and a schema with no type is {@code unknown} to generators.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(WorkerRole.READ_API)
class OpenApiDocument {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI readApiDocument() {
        return new OpenAPI()
                .info(new Info()
                        .title("grizz-persist read API")
                        .version("v1")
                        .description("Conversations and messages as grizz-persist stored them from Kafka "
                                + "(docs/contract.md §5): read-only, JSON with snake_case fields, timestamps "
                                + "RFC 3339 in UTC. Every /v1 operation needs a bearer token (JWT); a user's "
                                + "token reads that user's data, a service's everything. Errors are RFC 9457 "
                                + "problems (application/problem+json).")
                        .license(new License().name("Apache License 2.0").identifier("Apache-2.0")))
                .addTagsItem(new Tag()
                        .name("conversations")
                        .description("A conversation, its messages, and a " + "user's conversations, a page at a time"))
                .addTagsItem(new Tag().name("messages").description("One message, or its tombstone"))
                .addTagsItem(new Tag()
                        .name(ResourceMetadataPath.TAG)
                        .description("What a client of the bearer scheme can discover without a token"))
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
     * Runs on the document springdoc built, after it pruned the component schemas nothing it saw referred to: so
     * the schemas are added here, with what refers to them — added to the first bean instead, they were pruned and
     * every problem response pointed nowhere.
     */
    @Bean
    OpenApiCustomizer problemsBearerAndResourceMetadata() {
        return document -> {
            document.getPaths().forEach((path, item) -> {
                if (path.startsWith("/v1/")) {
                    for (Operation operation : item.readOperations()) {
                        operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                    }
                }
            });
            ProblemResponses.addTo(document);
            ResourceMetadataPath.addTo(document);
            NullableFields.declare(document);
        };
    }

    /** A schema of one JSON type, as OpenAPI 3.1 writes it ({@code type: string}). */
    static Schema<Object> typed(String type) {
        Schema<Object> schema = new Schema<>();
        schema.setTypes(Set.of(type));
        return schema;
    }

    /** A reference to the component schema {@code name}. */
    static Schema<Object> ref(String name) {
        Schema<Object> schema = new Schema<>();
        schema.set$ref("#/components/schemas/" + name);
        return schema;
    }
}
