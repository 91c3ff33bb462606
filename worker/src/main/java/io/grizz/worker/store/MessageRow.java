package io.grizz.worker.store;

import io.grizz.contracts.EventType;
import io.grizz.contracts.Role;
import java.time.Instant;
import java.util.UUID;

/**
 * The final state of one message after a batch: exactly one row per message id, with the event
 * that set it ({@code eventId}, {@code type}).
 */
public record MessageRow(
        UUID eventId,
        EventType type,
        UUID id,
        UUID conversationId,
        UUID userId,
        Role role,
        String content,
        String metadataJson,
        int revision,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt) {}
