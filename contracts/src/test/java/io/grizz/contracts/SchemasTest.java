package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class SchemasTest {

    private final JsonNode schema = SchemaDocument.load().root();

    @Test
    void isADraft202012ObjectSchemaThatAllowsUnknownFields() {
        assertThat(schema.get("$schema").stringValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("type").stringValue()).isEqualTo("object");
        assertThat(schema.get("additionalProperties").booleanValue()).isTrue();
    }

    @Test
    void namesEveryFieldOfTheRecordAndTheSchemaVersion() {
        List<String> expected = new ArrayList<>(List.of("schema_version"));
        for (RecordComponent component : MessageWrite.class.getRecordComponents()) {
            expected.add(wireName(component.getName()));
        }

        assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void requiresTheFieldsEveryEventCarries() {
        assertThat(texts(schema.get("required")))
                .containsExactlyInAnyOrder(
                        "schema_version",
                        "event_id",
                        "type",
                        "occurred_at",
                        "message_id",
                        "conversation_id",
                        "user_id",
                        "revision");
    }

    @Test
    void requiresRoleAndContentOnlyForCreatedAndUpdated() {
        assertThat(texts(schema.at("/if/properties/type/enum")))
                .containsExactlyInAnyOrder(EventType.CREATED.wireName(), EventType.UPDATED.wireName());
        assertThat(texts(schema.at("/then/required"))).containsExactlyInAnyOrder("role", "content");
    }

    @Test
    void enumeratesTheSameWireNamesAsTheJavaEnums() {
        assertThat(texts(schema.at("/properties/type/enum")))
                .containsExactlyElementsOf(Arrays.stream(EventType.values())
                        .map(EventType::wireName)
                        .toList());
        assertThat(texts(schema.at("/then/properties/role/enum")))
                .containsExactlyElementsOf(
                        Arrays.stream(Role.values()).map(Role::wireName).toList());
    }

    @Test
    void boundsRevisionToTheInt4Column() {
        assertThat(schema.at("/properties/revision/type").stringValue()).isEqualTo("integer");
        assertThat(schema.at("/properties/revision/minimum").intValue()).isEqualTo(1);
        assertThat(schema.at("/properties/revision/maximum").intValue()).isEqualTo(Integer.MAX_VALUE);
        assertThat(schema.at("/properties/schema_version/const").intValue()).isEqualTo(1);
    }

    @Test
    void declaresUuidAndDateTimeFormats() {
        assertThat(schema.at("/$defs/uuid/format").stringValue()).isEqualTo("uuid");
        // not JSON Schema's date-time format: a time without seconds is accepted as :00
        String dateTime = schema.at("/$defs/dateTime/pattern").stringValue();
        assertThat("2026-07-01T10:00Z").matches(dateTime);
        assertThat("2026-07-01T10:00:00.123456+02:00").matches(dateTime);
        assertThat("2026-07-01T10Z").doesNotMatch(dateTime);
        for (String field : List.of("event_id", "message_id", "conversation_id", "user_id")) {
            assertThat(schema.at("/properties/" + field + "/$ref").stringValue())
                    .isEqualTo("#/$defs/uuid");
        }
        assertThat(schema.at("/properties/occurred_at/$ref").stringValue()).isEqualTo("#/$defs/dateTime");
    }

    @Test
    void allowsOnlyObjectOrNullMetadataFreeOfNulCharacters() {
        assertThat(texts(schema.at("/then/properties/metadata/type"))).containsExactlyInAnyOrder("object", "null");
        assertThat(schema.at("/then/properties/metadata/$ref").stringValue()).isEqualTo("#/$defs/storableJson");
        assertThat(schema.at("/then/properties/content/pattern").stringValue()).isEqualTo("^[^\\u0000]*$");
    }

    @ParameterizedTest(name = "schema and decoder agree on UUID text \"{0}\"")
    @ValueSource(
            strings = {
                "0b7e3f5c-1d2a-4e6b-9c8d-7f6e5d4c3b2a",
                "0B7E3F5C-1D2A-4E6B-9C8D-7F6E5D4C3B2A",
                "1-1-1-1-1",
                "0b7e3f5c1d2a4e6b9c8d7f6e5d4c3b2a",
                "{0b7e3f5c-1d2a-4e6b-9c8d-7f6e5d4c3b2a}",
                "0b7e3f5c-1d2a-4e6b-9c8d-7f6e5d4c3b2g"
            })
    void uuidPatternAgreesWithTheDecoder(String text) {
        boolean schemaAccepts =
                SchemaDocument.load().uuidPattern().matcher(text).matches();
        assertThat(schemaAccepts).isEqualTo(CanonicalUuid.parseOrNull(text) != null);
    }

    @ParameterizedTest(name = "schema and decoder agree on the shape of \"{0}\"")
    @ValueSource(
            strings = {
                "2024-05-01T12:00:00Z",
                "2024-05-01t12:00:00.123456789z",
                "2024-05-01T12:00:00+02:00",
                "2024-05-01T12:00:00",
                "2024-05-01 12:00:00Z",
                "2024-05-01T12:00:00+0200",
                "2024-05-01T12:00:00.Z"
            })
    void dateTimePatternAgreesWithTheDecoderOnWellFormedDates(String text) {
        boolean schemaAccepts =
                SchemaDocument.load().dateTimePattern().matcher(text).matches();
        assertThat(schemaAccepts).isEqualTo(Rfc3339.parseOrNull(text) != null);
    }

    private static String wireName(String componentName) {
        String snake = componentName.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
        return snake.endsWith("_json") ? snake.substring(0, snake.length() - "_json".length()) : snake;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::stringValue)
                .collect(Collectors.toList());
    }
}
