package io.grizz.worker.api.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A message as docs/contract.md §5 shows it: every field always present, JSON null where empty. A tombstone
 * has {@code deleted_at} set and {@code content} and {@code metadata} null.
 *
 * @param metadata the stored {@code jsonb} text, written into the JSON as it is: PostgreSQL
 *                 produced it, so it is valid JSON, and re-parsing it per row would buy nothing
 */
@Schema(
        name = "Message",
        requiredProperties = {
            "id",
            "conversation_id",
            "user_id",
            "role",
            "content",
            "metadata",
            "revision",
            "created_at",
            "updated_at",
            "deleted_at"
        })
public record MessageView(
        @JsonProperty("id") UUID id,
        @JsonProperty("conversation_id") UUID conversationId,
        @JsonProperty("user_id") UUID userId,

        @JsonProperty("role")
        @Schema(
                types = {"string", "null"},
                allowableValues = {"user", "assistant", "system", "tool"},
                description = "null on a tombstone of a message never seen before its delete")
        String role,

        @JsonProperty("content")
        @Schema(
                types = {"string", "null"},
                description = "null on a tombstone")
        String content,

        @JsonProperty("metadata")
        @JsonRawValue
        @Schema(
                types = {"object", "null"},
                additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                description = "a JSON object of any members, as the event carried it; null on a tombstone or when "
                        + "the event had none")
        String metadata,

        @JsonProperty("revision") int revision,

        @JsonProperty("created_at") @Schema(description = "RFC 3339, UTC: when the first write was made")
        Instant createdAt,

        @JsonProperty("updated_at") @Schema(description = "RFC 3339, UTC: when the applied write was made")
        Instant updatedAt,

        @JsonProperty("deleted_at")
        @Schema(
                types = {"string", "null"},
                format = "date-time",
                description = "RFC 3339, UTC; set on a tombstone")
        Instant deletedAt) {}
