package io.grizz.contracts;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of one event object, each read a guard that throws
 * {@link EventRejected} ({@code schema_violation}, detail naming the field) when the field
 * is missing, JSON {@code null}, of the wrong JSON type or out of range.
 */
final class EventFieldReader {

    private final JsonNode object;

    EventFieldReader(JsonNode object) {
        this.object = object;
    }

    /** The field's value; missing and JSON {@code null} are both violations. */
    JsonNode required(String name) {
        JsonNode value = object.get(name);
        if (value == null) {
            throw EventRejected.schemaViolation(name + " is missing");
        }
        if (value.isNull()) {
            throw EventRejected.schemaViolation(name + " is null");
        }
        return value;
    }

    String string(String name) {
        JsonNode value = required(name);
        if (!value.isString()) {
            throw EventRejected.schemaViolation(name + " must be a string");
        }
        return value.stringValue();
    }

    UUID uuid(String name) {
        UUID uuid = CanonicalUuid.parseOrNull(string(name));
        if (uuid == null) {
            throw EventRejected.schemaViolation(name + " is not a UUID in 8-4-4-4-12 hex form");
        }
        return uuid;
    }

    Instant instant(String name) {
        Instant instant = Rfc3339.parseOrNull(string(name));
        if (instant == null) {
            throw EventRejected.schemaViolation(name + " is not an RFC 3339 date-time with an offset");
        }
        return instant;
    }

    EventType eventType(String name) {
        return EventType.fromWire(string(name)).orElseThrow(() -> EventRejected.schemaViolation(
                name + " must be message.created, message.updated or message.deleted"));
    }

    Role role(String name) {
        return Role.fromWire(string(name)).orElseThrow(() -> EventRejected.schemaViolation(
                name + " must be user, assistant, system or tool"));
    }

    /** A JSON integer (not {@code 1.0}, not {@code "1"}) that fits the int4 column and is at least 1. */
    int positiveInt(String name) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber()) {
            throw EventRejected.schemaViolation(name + " must be an integer");
        }
        if (!value.canConvertToInt() || value.intValue() < 1) {
            throw EventRejected.schemaViolation(name + " must be between 1 and " + Integer.MAX_VALUE);
        }
        return value.intValue();
    }

    /** Compact JSON text of an object field, or null when it is absent or JSON {@code null}. */
    String jsonObjectOrNull(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw EventRejected.schemaViolation(name + " must be a JSON object or null");
        }
        if (!PostgresText.isStorable(value)) {
            throw EventRejected.schemaViolation(
                    name + " holds U+0000 or an unpaired surrogate, which PostgreSQL cannot store");
        }
        return EventJson.MAPPER.writeValueAsString(value);
    }
}
