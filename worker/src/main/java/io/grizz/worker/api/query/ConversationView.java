package io.grizz.worker.api.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A conversation as docs/contract.md §5 shows it. Names are given per field so the JSON and the
 * OpenAPI document agree.
 */
@Schema(
        name = "Conversation",
        requiredProperties = {"id", "user_id", "created_at", "updated_at", "message_count"})
public record ConversationView(
        @JsonProperty("id") UUID id,

        @JsonProperty("user_id") @Schema(description = "owner of the conversation")
        UUID userId,

        @JsonProperty("created_at") @Schema(description = "RFC 3339, UTC")
        Instant createdAt,

        @JsonProperty("updated_at") @Schema(description = "RFC 3339, UTC: the latest write applied to it")
        Instant updatedAt,

        @JsonProperty("message_count") @Schema(description = "messages not deleted")
        long messageCount) {}
