package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageWriteTest {

    private static MessageWrite write(EventType type, Instant at, int revision, Role role, String content) {
        return new MessageWrite(
                Events.EVENT_ID,
                type,
                at,
                Events.MESSAGE_ID,
                Events.CONVERSATION_ID,
                Events.USER_ID,
                revision,
                role,
                content,
                "{}");
    }

    @Test
    void truncatesOccurredAtToMicroseconds() {
        MessageWrite event =
                write(EventType.CREATED, Instant.parse("2024-05-01T12:00:00.123456999Z"), 1, Role.USER, "x");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123456Z"));
    }

    @Test
    void deleteDropsRoleContentAndMetadata() {
        MessageWrite event = write(EventType.DELETED, Instant.EPOCH, 2, Role.TOOL, "gone");
        assertThat(event.isDelete()).isTrue();
        assertThat(event.role()).isNull();
        assertThat(event.content()).isNull();
        assertThat(event.metadataJson()).isNull();
    }

    @Test
    void createdWithoutRoleIsRefused() {
        assertThatThrownBy(() -> write(EventType.CREATED, Instant.EPOCH, 1, null, "x"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("role");
    }

    @Test
    void updatedWithoutContentIsRefused() {
        assertThatThrownBy(() -> write(EventType.UPDATED, Instant.EPOCH, 1, Role.USER, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("content");
    }

    @Test
    void revisionBelowOneIsRefused() {
        assertThatThrownBy(() -> write(EventType.CREATED, Instant.EPOCH, 0, Role.USER, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revision");
    }

    @Test
    void missingIdsAreRefused() {
        assertThatThrownBy(() -> new MessageWrite(
                        null,
                        EventType.CREATED,
                        Instant.EPOCH,
                        Events.MESSAGE_ID,
                        Events.CONVERSATION_ID,
                        Events.USER_ID,
                        1,
                        Role.USER,
                        "x",
                        null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("eventId");
    }
}
