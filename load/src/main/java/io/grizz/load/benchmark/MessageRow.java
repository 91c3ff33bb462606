package io.grizz.load.benchmark;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of {@code messages} (docs/contract.md §4) as the worker would store it; {@code persisted_at} is the
 * database's.
 */
public record MessageRow(
        UUID id,
        UUID conversationId,
        UUID userId,
        String role,
        String content,
        String metadataJson,
        int revision,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime deletedAt) {}
