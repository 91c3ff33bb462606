package io.grizz.worker.support;

import io.grizz.contracts.EventType;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.Role;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Builders of valid v1 events for tests. */
public final class Events {

    public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private Events() {}

    public static MessageWrite created(UUID conversation, UUID user, UUID message, int revision, String content) {
        return write(EventType.CREATED, conversation, user, message, revision, content, null, revision);
    }

    public static MessageWrite created(
            UUID conversation, UUID user, UUID message, int revision, String content, String metadataJson) {
        return write(EventType.CREATED, conversation, user, message, revision, content, metadataJson, revision);
    }

    public static MessageWrite updated(UUID conversation, UUID user, UUID message, int revision, String content) {
        return write(EventType.UPDATED, conversation, user, message, revision, content, null, revision);
    }

    public static MessageWrite deleted(UUID conversation, UUID user, UUID message, int revision) {
        return new MessageWrite(
                UUID.randomUUID(),
                EventType.DELETED,
                at(revision),
                message,
                conversation,
                user,
                revision,
                null,
                null,
                null);
    }

    public static Instant at(int second) {
        return T0.plusSeconds(second).truncatedTo(ChronoUnit.MICROS);
    }

    private static MessageWrite write(
            EventType type,
            UUID conversation,
            UUID user,
            UUID message,
            int revision,
            String content,
            String metadataJson,
            int second) {
        return new MessageWrite(
                UUID.randomUUID(),
                type,
                at(second),
                message,
                conversation,
                user,
                revision,
                Role.USER,
                content,
                metadataJson);
    }
}
