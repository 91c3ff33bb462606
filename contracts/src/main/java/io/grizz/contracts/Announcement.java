package io.grizz.contracts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One record of the persisted-notification topic ({@code GRIZZ_PERSISTED_TOPIC}, docs/contract.md §3): an event
 * the worker wrote, as the next stage reads it. Keyed by conversation id; consumers dedupe on
 * {@code (message_id, revision)}. The worker writes it, tests and the next stage read it, with this one type.
 */
public record Announcement(
        UUID eventId,
        EventType type,
        UUID messageId,
        UUID conversationId,
        UUID userId,
        int revision,
        Instant persistedAt) {

    private static final String EVENT_ID = WireFields.EVENT_ID;
    private static final String TYPE = WireFields.TYPE;
    private static final String MESSAGE_ID = WireFields.MESSAGE_ID;
    private static final String CONVERSATION_ID = WireFields.CONVERSATION_ID;
    private static final String USER_ID = WireFields.USER_ID;
    private static final String REVISION = WireFields.REVISION;
    private static final String PERSISTED_AT = "persisted_at";

    /** The announcement of {@code event}, stored at {@code persistedAt}. */
    public static Announcement of(MessageWrite event, Instant persistedAt) {
        return new Announcement(
                event.eventId(),
                event.type(),
                event.messageId(),
                event.conversationId(),
                event.userId(),
                event.revision(),
                persistedAt);
    }

    /** The record value: {@code {event_id, type, message_id, conversation_id, user_id, revision, persisted_at}}. */
    public byte[] toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(EVENT_ID, eventId.toString());
        body.put(TYPE, type.wireName());
        body.put(MESSAGE_ID, messageId.toString());
        body.put(CONVERSATION_ID, conversationId.toString());
        body.put(USER_ID, userId.toString());
        body.put(REVISION, revision);
        body.put(PERSISTED_AT, persistedAt.toString());
        return EventJson.MAPPER.writeValueAsBytes(body);
    }

    /**
     * Reads a record value of the notification topic.
     *
     * @throws IllegalArgumentException when it is not an announcement
     */
    public static Announcement fromJson(byte[] value) {
        try {
            JsonNode body = EventJson.MAPPER.readTree(value);
            return new Announcement(
                    UUID.fromString(text(body, EVENT_ID)),
                    EventType.fromWire(text(body, TYPE))
                            .orElseThrow(() -> new IllegalArgumentException("unknown type " + body.get(TYPE))),
                    UUID.fromString(text(body, MESSAGE_ID)),
                    UUID.fromString(text(body, CONVERSATION_ID)),
                    UUID.fromString(text(body, USER_ID)),
                    body.required(REVISION).asInt(),
                    Instant.parse(text(body, PERSISTED_AT)));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not an announcement: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode body, String field) {
        return body.required(field).asString();
    }
}
