package io.grizz.contracts;

import static io.grizz.contracts.Events.assertRejected;
import static io.grizz.contracts.Events.decode;
import static io.grizz.contracts.Events.decodeText;
import static io.grizz.contracts.RejectionReason.SCHEMA_VIOLATION;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class MessageWriteDecoderSchemaViolationTest {

    @ParameterizedTest(name = "missing {0} is a schema_violation naming it")
    @ValueSource(
            strings = {
                "event_id",
                "type",
                "occurred_at",
                "message_id",
                "conversation_id",
                "user_id",
                "revision",
                "role",
                "content"
            })
    void missingRequiredFieldIsViolation(String field) {
        ObjectNode event = Events.created();
        event.remove(field);
        assertRejected(decode(event), SCHEMA_VIOLATION, field + " is missing");
    }

    @ParameterizedTest(name = "null {0} is a schema_violation naming it")
    @ValueSource(
            strings = {
                "event_id",
                "type",
                "occurred_at",
                "message_id",
                "conversation_id",
                "user_id",
                "revision",
                "role",
                "content"
            })
    void nullRequiredFieldIsViolation(String field) {
        ObjectNode event = Events.created();
        event.putNull(field);
        assertRejected(decode(event), SCHEMA_VIOLATION, field + " is null");
    }

    @ParameterizedTest(name = "number where string {0} belongs is a schema_violation")
    @ValueSource(
            strings = {"event_id", "type", "occurred_at", "message_id", "conversation_id", "user_id", "role", "content"
            })
    void numberInStringFieldIsViolation(String field) {
        ObjectNode event = Events.created();
        event.put(field, 7);
        assertRejected(decode(event), SCHEMA_VIOLATION, field + " must be a string");
    }

    @ParameterizedTest(name = "object where string {0} belongs is a schema_violation")
    @ValueSource(
            strings = {"event_id", "type", "occurred_at", "message_id", "conversation_id", "user_id", "role", "content"
            })
    void objectInStringFieldIsViolation(String field) {
        ObjectNode event = Events.created();
        event.putObject(field).put("value", "x");
        assertRejected(decode(event), SCHEMA_VIOLATION, field + " must be a string");
    }

    @Test
    void booleanContentIsViolation() {
        ObjectNode event = Events.created();
        event.put("content", true);
        assertRejected(decode(event), SCHEMA_VIOLATION, "content must be a string");
    }

    @ParameterizedTest(name = "{0} = \"{1}\" is not a canonical UUID")
    @CsvSource(
            delimiter = '|',
            value = {
                "event_id|1-1-1-1-1",
                "event_id|0b7e3f5c1d2a4e6b9c8d7f6e5d4c3b2a",
                "message_id|{1c8f4a6d-2e3b-4f7c-8d9e-a0b1c2d3e4f5}",
                "message_id|1c8f4a6d-2e3b-4f7c-8d9e-a0b1c2d3e4f",
                "conversation_id|2d9a5b7e-3f4c-4a8d-9eaf-b1c2d3e4f5a6a",
                "conversation_id|2d9a5b7e-3f4c-4a8d-9eaf-b1c2d3e4f5ag",
                "user_id|3eab6c8f4-a5d-4b9e-afb0-c2d3e4f5a6b7",
                "user_id|' 3eab6c8f-4a5d-4b9e-afb0-c2d3e4f5a6b'",
                "user_id|３eab6c8f-4a5d-4b9e-afb0-c2d3e4f5a6b7",
                "event_id|''"
            })
    void nonCanonicalUuidIsViolation(String field, String text) {
        ObjectNode event = Events.created();
        event.put(field, text);
        assertRejected(decode(event), SCHEMA_VIOLATION, field + " is not a UUID");
    }

    @ParameterizedTest(name = "type \"{0}\" is a schema_violation")
    @ValueSource(strings = {"message.exploded", "MESSAGE.CREATED", "created", "message.created ", ""})
    void unknownTypeIsViolation(String type) {
        ObjectNode event = Events.created();
        event.put("type", type);
        assertRejected(
                decode(event), SCHEMA_VIOLATION, "type must be message.created, message.updated or message.deleted");
    }

    @ParameterizedTest(name = "occurred_at \"{0}\" is a schema_violation")
    @ValueSource(
            strings = {
                "2024-05-01T12:00:00",
                "2024-05-01T12:00:00.123456",
                "2024-05-01 12:00:00Z",
                "2024-05-01T12:00:00+02",
                "2024-05-01T12:00:00+0200",
                "2024-05-01T12Z",
                "2024-05-01T12:00.5Z",
                "2024-05-01",
                "2024-05-01T12:00:00.Z",
                "2024-05-01T12:00:00,5Z",
                "2024-02-30T12:00:00Z",
                "2023-02-29T12:00:00Z",
                "2024-13-01T12:00:00Z",
                "2024-05-01T24:00:00Z",
                "2024-05-01T12:60:00Z",
                "2024-05-01T12:00:00+24:00",
                "2024-05-01T12:00:00Z ",
                "2024-05-01T12:00:00ZZ",
                "2024-05-01T12:00:60Z",
                "1714564800",
                "+2024-05-01T12:00:00Z",
                ""
            })
    void occurredAtWithoutValidOffsetOrFormIsViolation(String text) {
        ObjectNode event = Events.created();
        event.put("occurred_at", text);
        assertRejected(decode(event), SCHEMA_VIOLATION, "occurred_at is not an RFC 3339 date-time with an offset");
    }

    @ParameterizedTest(name = "revision {0} is out of range")
    @ValueSource(longs = {0, -1, 2147483648L, Long.MAX_VALUE, Long.MIN_VALUE})
    void revisionOutOfRangeIsViolation(long revision) {
        ObjectNode event = Events.created();
        event.put("revision", revision);
        assertRejected(decode(event), SCHEMA_VIOLATION, "revision must be between 1 and 2147483647");
    }

    @Test
    void revisionBeyondLongRangeIsViolation() {
        ObjectNode event = Events.created();
        event.put("revision", new BigInteger("99999999999999999999999"));
        assertRejected(decode(event), SCHEMA_VIOLATION, "revision must be between 1 and 2147483647");
    }

    @ParameterizedTest(name = "revision written as {0} is not a JSON integer")
    @ValueSource(strings = {"1.0", "1e0", "1E2", "1.5", "\"1\"", "true", "[1]", "{\"n\":1}"})
    void revisionThatIsNotAJsonIntegerIsViolation(String rawRevision) {
        String json = Events.created().toString().replace("\"revision\":1", "\"revision\":" + rawRevision);
        assertRejected(decodeText(json), SCHEMA_VIOLATION, "revision must be an integer");
    }

    @Test
    void largestInt4RevisionIsAccepted() {
        ObjectNode event = Events.created();
        event.put("revision", Integer.MAX_VALUE);
        assertThat(Events.valid(decode(event)).revision()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void revisionAsBigDecimalIsViolationEvenWhenWhole() {
        ObjectNode event = Events.created();
        event.put("revision", new BigDecimal("3.00"));
        assertRejected(decode(event), SCHEMA_VIOLATION, "revision must be an integer");
    }

    @ParameterizedTest(name = "role \"{0}\" is a schema_violation")
    @ValueSource(strings = {"admin", "User", "ASSISTANT", " user", "", "function"})
    void unknownRoleIsViolation(String role) {
        ObjectNode event = Events.created();
        event.put("role", role);
        assertRejected(decode(event), SCHEMA_VIOLATION, "role must be user, assistant, system or tool");
    }

    @ParameterizedTest(name = "metadata {0} is not an object")
    @ValueSource(strings = {"[]", "[{\"a\":1}]", "\"{}\"", "42", "1.5", "true", "false"})
    void metadataThatIsNotAnObjectIsViolation(String rawMetadata) {
        ObjectNode event = Events.created();
        event.remove("metadata");
        String json = event.toString();
        json = json.substring(0, json.length() - 1) + ",\"metadata\":" + rawMetadata + "}";
        assertRejected(decodeText(json), SCHEMA_VIOLATION, "metadata must be a JSON object or null");
    }

    @Test
    void nulCharacterInContentIsViolation() {
        ObjectNode event = Events.created();
        event.put("content", "before\u0000after");
        assertRejected(decode(event), SCHEMA_VIOLATION, "content holds U+0000");
    }

    @Test
    void nulCharacterAloneAsContentIsViolation() {
        assertRejected(
                decodeText(Events.createdWithContentMember("\"content\":\"\\u0000\"")),
                SCHEMA_VIOLATION,
                "content holds U+0000");
    }

    @Test
    void nulCharacterInNestedMetadataValueIsViolation() {
        ObjectNode event = Events.created();
        event.putObject("metadata")
                .putObject("a")
                .putArray("b")
                .add("ok")
                .addObject()
                .put("c", "x\u0000y");
        assertRejected(decode(event), SCHEMA_VIOLATION, "metadata holds U+0000");
    }

    @Test
    void nulCharacterInNestedMetadataKeyIsViolation() {
        ObjectNode event = Events.created();
        event.putObject("metadata").putObject("outer").put("bad\u0000key", 1);
        assertRejected(decode(event), SCHEMA_VIOLATION, "metadata holds U+0000");
    }

    @Test
    void nulCharacterInTopLevelMetadataKeyIsViolation() {
        ObjectNode event = Events.created();
        event.putObject("metadata").put("\u0000", "v");
        assertRejected(decode(event), SCHEMA_VIOLATION, "metadata holds U+0000");
    }

    @Test
    void unpairedSurrogateInContentIsViolationBecauseUtf8CannotCarryIt() {
        assertRejected(
                decodeText(Events.createdWithContentMember("\"content\":\"a\\ud800b\"")),
                SCHEMA_VIOLATION,
                "content holds U+0000 or an unpaired surrogate");
    }

    @Test
    void reversedSurrogatePairInMetadataIsViolation() {
        String json = Events.createdWithContentMember("\"content\":\"x\"")
                .replace("\"metadata\":{\"source\":\"test\"}", "\"metadata\":{\"k\":\"\\udc00\\ud800\"}");
        assertRejected(decodeText(json), SCHEMA_VIOLATION, "metadata holds U+0000 or an unpaired surrogate");
    }

    @Test
    void escapedSurrogatePairForAnEmojiIsAccepted() {
        MessageWrite event =
                Events.valid(decodeText(Events.createdWithContentMember("\"content\":\"\\ud83d\\ude00\"")));
        assertThat(event.content()).isEqualTo("😀");
    }

    @Test
    void firstFailingFieldDecidesInFieldOrder() {
        ObjectNode event = Events.created();
        event.put("type", "bogus");
        event.put("revision", 0);
        event.put("role", "admin");
        event.remove("event_id");
        assertRejected(decode(event), SCHEMA_VIOLATION, "event_id is missing");

        event.put("event_id", Events.EVENT_ID.toString());
        assertRejected(decode(event), SCHEMA_VIOLATION, "type must be");

        event.put("type", "message.updated");
        assertRejected(decode(event), SCHEMA_VIOLATION, "revision must be");

        event.put("revision", 2);
        assertRejected(decode(event), SCHEMA_VIOLATION, "role must be");
    }
}
