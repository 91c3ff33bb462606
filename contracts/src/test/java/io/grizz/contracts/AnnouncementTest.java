package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnnouncementTest {

    private static final Instant PERSISTED = Instant.parse("2026-12-07T10:15:30.123456Z");

    @Test
    void itsJsonIsTheContractsSevenFieldsInOrderAndReadsBackEqual() {
        MessageWrite event = new MessageWrite(
                Events.EVENT_ID,
                EventType.CREATED,
                Instant.parse("2026-12-07T10:15:29Z"),
                Events.MESSAGE_ID,
                Events.CONVERSATION_ID,
                Events.USER_ID,
                3,
                Role.USER,
                "hi",
                null);
        Announcement announcement = Announcement.of(event, PERSISTED);

        String json = new String(announcement.toJson(), StandardCharsets.UTF_8);

        assertThat(json)
                .isEqualTo("{\"event_id\":\"" + event.eventId() + "\",\"type\":\"message.created\",\"message_id\":\""
                        + event.messageId() + "\",\"conversation_id\":\"" + event.conversationId()
                        + "\",\"user_id\":\"" + event.userId() + "\",\"revision\":" + event.revision()
                        + ",\"persisted_at\":\"2026-12-07T10:15:30.123456Z\"}");
        assertThat(Announcement.fromJson(announcement.toJson())).isEqualTo(announcement);
    }

    @Test
    void aValueThatIsNotAnAnnouncementIsRefusedByName() {
        assertThatThrownBy(() -> Announcement.fromJson("{\"event_id\":\"x\"".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an announcement");
        assertThatThrownBy(() -> Announcement.fromJson(
                        ("{\"event_id\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
