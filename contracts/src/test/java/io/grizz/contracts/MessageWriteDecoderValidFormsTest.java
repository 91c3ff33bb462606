package io.grizz.contracts;

import static io.grizz.contracts.Events.decode;
import static io.grizz.contracts.Events.decodeText;
import static io.grizz.contracts.Events.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

class MessageWriteDecoderValidFormsTest {

    @Test
    void createdEventIsDecodedIntoEveryField() {
        MessageWrite event = valid(decode(Events.created()));

        assertThat(event)
                .isEqualTo(new MessageWrite(
                        Events.EVENT_ID,
                        EventType.CREATED,
                        Instant.parse("2024-05-01T12:00:00.123456Z"),
                        Events.MESSAGE_ID,
                        Events.CONVERSATION_ID,
                        Events.USER_ID,
                        1,
                        Role.USER,
                        "hello",
                        "{\"source\":\"test\"}"));
        assertThat(event.isDelete()).isFalse();
    }

    @Test
    void updatedEventIsDecoded() {
        ObjectNode json = Events.created();
        json.put("type", "message.updated");
        json.put("revision", 7);
        MessageWrite event = valid(decode(json));
        assertThat(event.type()).isEqualTo(EventType.UPDATED);
        assertThat(event.revision()).isEqualTo(7);
    }

    @ParameterizedTest(name = "role {0} is accepted")
    @EnumSource(Role.class)
    void everyRoleIsAccepted(Role role) {
        ObjectNode json = Events.created();
        json.put("role", role.wireName());
        assertThat(valid(decode(json)).role()).isEqualTo(role);
    }

    @Test
    void upperCaseUuidsAreAcceptedAndEqualToTheirLowerCaseForm() {
        ObjectNode json = Events.created();
        for (String field : new String[] {"event_id", "message_id", "conversation_id", "user_id"}) {
            json.put(field, json.get(field).stringValue().toUpperCase(Locale.ROOT));
        }
        MessageWrite event = valid(decode(json));
        assertThat(event.eventId()).isEqualTo(Events.EVENT_ID);
        assertThat(event.messageId()).isEqualTo(Events.MESSAGE_ID);
        assertThat(event.conversationId()).isEqualTo(Events.CONVERSATION_ID);
        assertThat(event.userId()).isEqualTo(Events.USER_ID);
    }

    @Test
    void mixedCaseUuidIsAccepted() {
        ObjectNode json = Events.created();
        json.put("message_id", "1C8f4A6d-2e3B-4F7c-8D9e-A0b1C2d3E4f5");
        assertThat(valid(decode(json)).messageId()).isEqualTo(Events.MESSAGE_ID);
    }

    @Test
    void unknownExtraFieldsAreIgnored() {
        ObjectNode json = Events.created();
        json.put("trace_id", "abc");
        json.putObject("future").putArray("things").add(1).add("two");
        json.putNull("nothing");
        json.put("schema_minor", 3.5);
        assertThat(valid(decode(json))).isEqualTo(valid(decode(Events.created())));
    }

    @Test
    void fieldsInAnyOrderAreAccepted() {
        String json = "{\"content\":\"hello\",\"role\":\"user\",\"revision\":1,\"user_id\":\"" + Events.USER_ID
                + "\",\"conversation_id\":\"" + Events.CONVERSATION_ID + "\",\"message_id\":\"" + Events.MESSAGE_ID
                + "\",\"occurred_at\":\"" + Events.OCCURRED_AT + "\",\"type\":\"message.created\",\"event_id\":\""
                + Events.EVENT_ID + "\",\"metadata\":{\"source\":\"test\"},\"schema_version\":1}";
        assertThat(valid(decodeText(json))).isEqualTo(valid(decode(Events.created())));
    }

    @ParameterizedTest(name = "occurred_at {0} is stored as {1}")
    @CsvSource({
        "2024-05-01T14:00:00+02:00,          2024-05-01T12:00:00Z",
        "2024-05-01T06:30:00-05:30,          2024-05-01T12:00:00Z",
        "2024-05-01T00:30:00+13:45,          2024-04-30T10:45:00Z",
        "2024-05-01T12:00:00-00:00,          2024-05-01T12:00:00Z",
        "2024-05-01T12:00:00+00:00,          2024-05-01T12:00:00Z",
        "2024-05-01t12:00:00z,               2024-05-01T12:00:00Z",
        "2024-05-01T23:30:00-01:00,          2024-05-02T00:30:00Z",
        "2024-02-29T12:00:00Z,               2024-02-29T12:00:00Z",
        "2024-05-01T12:00:00.5Z,             2024-05-01T12:00:00.500Z",
        "2024-05-01T12:00:00.123456789Z,     2024-05-01T12:00:00.123456Z",
        "2024-05-01T12:00:00.999999999Z,     2024-05-01T12:00:00.999999Z",
        "2024-05-01T12:00:00.1234567890123456789+01:00, 2024-05-01T11:00:00.123456Z",
        "2024-05-01T12:00:00.000000999Z,     2024-05-01T12:00:00Z",
        "1990-12-31T23:59:60Z,               1990-12-31T23:59:59Z",
        "1990-12-31T15:59:60.5-08:00,        1990-12-31T23:59:59.500Z",
        "0001-01-01T00:00:00Z,               0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999Z,        9999-12-31T23:59:59.999999Z"
    })
    void occurredAtWithAnyOffsetIsStoredAsTheRightInstantTruncatedToMicros(String text, String expected) {
        ObjectNode json = Events.created();
        json.put("occurred_at", text);
        assertThat(valid(decode(json)).occurredAt()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void nullMetadataIsStoredAsNull() {
        ObjectNode json = Events.created();
        json.putNull("metadata");
        assertThat(valid(decode(json)).metadataJson()).isNull();
    }

    @Test
    void absentMetadataIsStoredAsNull() {
        ObjectNode json = Events.created();
        json.remove("metadata");
        assertThat(valid(decode(json)).metadataJson()).isNull();
    }

    @Test
    void emptyMetadataObjectIsKept() {
        ObjectNode json = Events.created();
        json.putObject("metadata");
        assertThat(valid(decode(json)).metadataJson()).isEqualTo("{}");
    }

    @Test
    void nestedMetadataIsHandedOnExactlyAsSent() {
        String metadata = "{ \"tags\" : [ \"a\", \"b\", {\"deep\": {\"deeper\": [null, true, false]}} ],\n"
                + "  \"count\": 3, \"ratio\": 0.25, \"nothing\": null, "
                + "\"quote\": \"say \\\"hi\\\"\", \"é\": \"\\u00e9\" }";
        String json = Events.created().toString().replace("{\"source\":\"test\"}", metadata);

        String decoded = valid(decodeText(json)).metadataJson();
        assertThat(decoded).isEqualTo(metadata);
    }

    @Test
    void metadataIsCutAtByteOffsetsWhenMultiByteCharactersComeBeforeAndInsideIt() {
        String json = "{\"content\":\"é漢😀\",\"metadata\":{\"ключ\":[1,{\"b\":\"😀c\"}]},\"x\":\"ü\"}";

        EventFieldReader fields = EventFieldReader.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(fields.jsonObjectOrNull("metadata")).isEqualTo("{\"ключ\":[1,{\"b\":\"😀c\"}]}");
        assertThat(fields.string("content")).isEqualTo("é漢😀");
    }

    @Test
    void metadataNumbersKeepTheirExactValue() {
        String metadata =
                "{\"scale\":1.10,\"huge\":1.7976931348623159e308,\"precise\":0.1000000000000000055511151231257827,"
                        + "\"big\":123456789012345678901234567890,\"negative\":-7}";
        String json = Events.created().toString().replace("{\"source\":\"test\"}", metadata);

        // as sent: no double rounding, no Infinity (the huge one is past Double.MAX_VALUE); jsonb keeps them
        // exactly. 1e400 would be refused: docs/contract.md §3 bounds exponents at ±308 (MetadataNumberRangeTest)
        assertThat(valid(decodeText(json)).metadataJson()).isEqualTo(metadata);
    }

    @Test
    void emptyContentIsAccepted() {
        ObjectNode json = Events.created();
        json.put("content", "");
        assertThat(valid(decode(json)).content()).isEmpty();
    }

    @Test
    void deleteWithoutRoleContentOrMetadataIsAccepted() {
        MessageWrite event = valid(decode(Events.deleted()));

        assertThat(event.isDelete()).isTrue();
        assertThat(event.type()).isEqualTo(EventType.DELETED);
        assertThat(event.role()).isNull();
        assertThat(event.content()).isNull();
        assertThat(event.metadataJson()).isNull();
        assertThat(event.messageId()).isEqualTo(Events.MESSAGE_ID);
    }

    @Test
    void deleteIgnoresInvalidRoleContentAndMetadata() {
        ObjectNode json = Events.deleted();
        json.put("role", "admin");
        json.put("content", "with \u0000 inside");
        json.putArray("metadata").add(1);

        MessageWrite event = valid(new MessageWriteDecoder(1).decode(Events.key(), Events.bytes(json)));
        assertThat(event.role()).isNull();
        assertThat(event.content()).isNull();
        assertThat(event.metadataJson()).isNull();
    }

    @Test
    void deleteStillRequiresTheCommonFields() {
        ObjectNode json = Events.deleted();
        json.remove("revision");
        Events.assertRejected(decode(json), RejectionReason.SCHEMA_VIOLATION, "revision is missing");
    }
}
