package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Valid sample events as mutable JSON trees, so each test states only what it breaks. */
final class Events {

    static final UUID EVENT_ID = UUID.fromString("0b7e3f5c-1d2a-4e6b-9c8d-7f6e5d4c3b2a");
    static final UUID MESSAGE_ID = UUID.fromString("1c8f4a6d-2e3b-4f7c-8d9e-a0b1c2d3e4f5");
    static final UUID CONVERSATION_ID = UUID.fromString("2d9a5b7e-3f4c-4a8d-9eaf-b1c2d3e4f5a6");
    static final UUID USER_ID = UUID.fromString("3eab6c8f-4a5d-4b9e-afb0-c2d3e4f5a6b7");
    static final String OCCURRED_AT = "2024-05-01T12:00:00.123456Z";

    private Events() {}

    static ObjectNode created() {
        ObjectNode event = EventJson.MAPPER.createObjectNode();
        event.put("schema_version", 1);
        event.put("event_id", EVENT_ID.toString());
        event.put("type", "message.created");
        event.put("occurred_at", OCCURRED_AT);
        event.put("message_id", MESSAGE_ID.toString());
        event.put("conversation_id", CONVERSATION_ID.toString());
        event.put("user_id", USER_ID.toString());
        event.put("revision", 1);
        event.put("role", "user");
        event.put("content", "hello");
        event.putObject("metadata").put("source", "test");
        return event;
    }

    static ObjectNode deleted() {
        ObjectNode event = created();
        event.put("type", "message.deleted");
        event.remove("role");
        event.remove("content");
        event.remove("metadata");
        return event;
    }

    static byte[] bytes(JsonNode event) {
        return EventJson.MAPPER.writeValueAsBytes(event);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] key() {
        return utf8(CONVERSATION_ID.toString());
    }

    static DecodeResult decode(JsonNode event) {
        return new MessageWriteDecoder().decode(key(), bytes(event));
    }

    static DecodeResult decodeText(String json) {
        return new MessageWriteDecoder().decode(key(), utf8(json));
    }

    /** The valid created event as JSON text, with {@code "content":"hello"} replaced by the given raw member. */
    static String createdWithContentMember(String rawMember) {
        String json = created().toString();
        assertThat(json).contains("\"content\":\"hello\"");
        return json.replace("\"content\":\"hello\"", rawMember);
    }

    static MessageWrite valid(DecodeResult result) {
        assertThat(result.isValid()).as("valid, but was %s", result).isTrue();
        return result.event();
    }

    static void assertRejected(DecodeResult result, RejectionReason reason, String detailMentions) {
        assertThat(result.isValid()).as("rejected, but was %s", result).isFalse();
        assertThat(result.rejection().reason()).as("%s", result.rejection()).isEqualTo(reason);
        assertThat(result.rejection().detail()).contains(detailMentions);
    }
}
