package io.grizz.worker.store;

import io.grizz.contracts.Role;
import java.time.Instant;
import java.util.UUID;

/**
 * The part of a message row the revision and ownership rules look at, and when it was persisted
 * (the {@code persisted_at} a replayed event announces again).
 */
public record StoredMessage(
        UUID id,
        UUID conversationId,
        int revision,
        Role role,
        Instant createdAt,
        boolean deleted,
        Instant persistedAt) {}
