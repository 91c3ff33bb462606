package io.grizz.worker.store;

import java.time.Instant;
import java.util.UUID;

/** A conversation row as it stood before the batch. */
public record StoredConversation(UUID id, UUID userId, Instant createdAt, Instant updatedAt) {}
