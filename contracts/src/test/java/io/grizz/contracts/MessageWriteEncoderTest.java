package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessageWriteEncoderTest {

    private final MessageWriteEncoder encoder = new MessageWriteEncoder();
    private final MessageWriteDecoder decoder = new MessageWriteDecoder();

    private static MessageWrite created(String metadataJson) {
        return new MessageWrite(
                Events.EVENT_ID,
                EventType.CREATED,
                Instant.parse("2024-05-01T12:00:00.123456Z"),
                Events.MESSAGE_ID,
                Events.CONVERSATION_ID,
                Events.USER_ID,
                1,
                Role.USER,
                "hi",
                metadataJson);
    }

    private static MessageWrite deleted() {
        return new MessageWrite(
                Events.EVENT_ID,
                EventType.DELETED,
                Instant.parse("2024-05-02T08:00:00Z"),
                Events.MESSAGE_ID,
                Events.CONVERSATION_ID,
                Events.USER_ID,
                4,
                null,
                null,
                null);
    }

    private MessageWrite roundTrip(MessageWrite event) {
        return Events.valid(decoder.decode(MessageWriteEncoder.key(event.conversationId()), encoder.encode(event)));
    }

    @Test
    void encodesSchemaVersionOneWithSnakeCaseFieldsInContractOrder() {
        JsonNode json = EventJson.MAPPER.readTree(encoder.encode(created("{\"a\":[1,{\"b\":null}]}")));

        assertThat(json.propertyNames())
                .containsExactly(
                        "schema_version",
                        "event_id",
                        "type",
                        "occurred_at",
                        "message_id",
                        "conversation_id",
                        "user_id",
                        "revision",
                        "role",
                        "content",
                        "metadata");
        assertThat(json.get("schema_version").isInt()).isTrue();
        assertThat(json.get("schema_version").intValue()).isEqualTo(1);
        assertThat(json.get("event_id").stringValue()).isEqualTo(Events.EVENT_ID.toString());
        assertThat(json.get("type").stringValue()).isEqualTo("message.created");
        assertThat(json.get("revision").isInt()).isTrue();
        assertThat(json.get("role").stringValue()).isEqualTo("user");
        assertThat(json.get("content").stringValue()).isEqualTo("hi");
        assertThat(json.get("metadata").toString()).isEqualTo("{\"a\":[1,{\"b\":null}]}");
    }

    @Test
    void writesOccurredAtInUtcWithExactlySixFractionDigits() {
        MessageWrite event = new MessageWrite(
                Events.EVENT_ID,
                EventType.CREATED,
                Instant.parse("2024-05-01T12:00:00Z"),
                Events.MESSAGE_ID,
                Events.CONVERSATION_ID,
                Events.USER_ID,
                1,
                Role.USER,
                "hi",
                null);

        JsonNode json = EventJson.MAPPER.readTree(encoder.encode(event));

        assertThat(json.get("occurred_at").stringValue()).isEqualTo("2024-05-01T12:00:00.000000Z");
        assertThat(EventJson.MAPPER
                        .readTree(encoder.encode(created(null)))
                        .get("occurred_at")
                        .stringValue())
                .isEqualTo("2024-05-01T12:00:00.123456Z");
    }

    @Test
    void writesMetadataRawAndOmitsItWhenNull() {
        String encodedWith = new String(encoder.encode(created("{\"k\":\"v\"}")), StandardCharsets.UTF_8);
        String encodedWithout = new String(encoder.encode(created(null)), StandardCharsets.UTF_8);

        assertThat(encodedWith).endsWith(",\"metadata\":{\"k\":\"v\"}}");
        assertThat(encodedWithout).doesNotContain("metadata");
    }

    @Test
    void deleteOmitsRoleContentAndMetadata() {
        JsonNode json = EventJson.MAPPER.readTree(encoder.encode(deleted()));

        assertThat(json.get("type").stringValue()).isEqualTo("message.deleted");
        assertThat(json.has("role")).isFalse();
        assertThat(json.has("content")).isFalse();
        assertThat(json.has("metadata")).isFalse();
    }

    @Test
    void createdRoundTripsThroughTheDecoder() {
        MessageWrite event = created("{\"nested\":{\"list\":[1,2.5,\"x\",true,null]}}");
        assertThat(roundTrip(event)).isEqualTo(event);
    }

    @Test
    void createdWithoutMetadataRoundTrips() {
        assertThat(roundTrip(created(null))).isEqualTo(created(null));
    }

    @Test
    void updatedRoundTripsWithEveryRole() {
        for (Role role : Role.values()) {
            MessageWrite event = new MessageWrite(
                    UUID.randomUUID(),
                    EventType.UPDATED,
                    Instant.now(),
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    Integer.MAX_VALUE,
                    role,
                    "text",
                    "{}");
            assertThat(roundTrip(event)).isEqualTo(event);
        }
    }

    @Test
    void deletedRoundTrips() {
        assertThat(roundTrip(deleted())).isEqualTo(deleted());
    }

    @Test
    void roundTripOfANanosecondInstantKeepsItsMicroseconds() {
        MessageWrite event = new MessageWrite(
                Events.EVENT_ID,
                EventType.CREATED,
                Instant.parse("2024-05-01T12:00:00.123456789Z"),
                Events.MESSAGE_ID,
                Events.CONVERSATION_ID,
                Events.USER_ID,
                1,
                Role.USER,
                "hi",
                null);
        assertThat(roundTrip(event).occurredAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123456Z"));
    }

    @Test
    void keyIsTheLowerCaseUuidTextInUtf8() {
        UUID id = UUID.fromString("ABCDEF01-2345-4678-9ABC-DEF012345678");
        assertThat(new String(MessageWriteEncoder.key(id), StandardCharsets.UTF_8))
                .isEqualTo("abcdef01-2345-4678-9abc-def012345678");
    }

    @Test
    void encodedEventsAreUtf8WithoutEscapingNonAscii() {
        MessageWrite event = new MessageWrite(
                Events.EVENT_ID,
                EventType.CREATED,
                Instant.EPOCH,
                Events.MESSAGE_ID,
                Events.CONVERSATION_ID,
                Events.USER_ID,
                1,
                Role.USER,
                "😀 é",
                null);
        String text = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(text).contains("\"content\":\"😀 é\"");
    }

    @Test
    void encodedValuesMatchTheJsonSchemaPatterns() {
        SchemaDocument schema = SchemaDocument.load();
        for (MessageWrite event : List.of(created("{}"), deleted())) {
            JsonNode json = EventJson.MAPPER.readTree(encoder.encode(event));
            assertThat(json.get("occurred_at").stringValue()).matches(schema.dateTimePattern());
            assertThat(json.get("event_id").stringValue()).matches(schema.uuidPattern());
        }
    }
}
