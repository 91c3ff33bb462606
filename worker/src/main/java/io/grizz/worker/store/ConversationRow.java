package io.grizz.worker.store;

import java.time.Instant;
import java.util.UUID;

/** A conversation to insert, or whose {@code updated_at} to move forward. */
public record ConversationRow(UUID id, UUID userId, Instant createdAt, Instant updatedAt) {}
