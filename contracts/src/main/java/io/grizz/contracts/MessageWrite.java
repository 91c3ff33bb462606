package io.grizz.contracts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One valid v1 message-write event, normalised: what the worker persists and what producers
 * encode.
 *
 * <p>The constructor enforces the invariants that are cheap to check and that the database
 * relies on, so a producer cannot build an obviously unwritable event: ids, type and time
 * are present, {@code revision >= 1}, created/updated events carry a role and content.
 * {@code occurredAt} is truncated to microseconds because that is what {@code timestamptz}
 * keeps; comparing an event with its stored row must not depend on nanoseconds that were
 * never stored. A delete carries no state (docs/contract.md §3: it erases content and metadata), so its
 * role, content and metadata are dropped here, just as the decoder ignores them.
 *
 * @param metadataJson compact JSON object text, or null when absent or JSON {@code null};
 *                     trusted to be a JSON object (the decoder guarantees it)
 */
public record MessageWrite(
        UUID eventId,
        EventType type,
        Instant occurredAt,
        UUID messageId,
        UUID conversationId,
        UUID userId,
        int revision,
        Role role,
        String content,
        String metadataJson) {

    public MessageWrite {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(userId, "userId");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be at least 1, was " + revision);
        }
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        if (type == EventType.DELETED) {
            role = null;
            content = null;
            metadataJson = null;
        } else {
            // the message built only when it is needed: this runs for every record consumed
            if (role == null || content == null) {
                throw new NullPointerException(
                        (role == null ? "role" : "content") + " is required for " + type.wireName());
            }
        }
    }

    public boolean isDelete() {
        return type == EventType.DELETED;
    }
}
