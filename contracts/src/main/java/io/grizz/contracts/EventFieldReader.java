package io.grizz.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads the fields of one event object, each read a guard that throws
 * {@link EventRejected} ({@code schema_violation}, detail naming the field) when the field
 * is missing, JSON {@code null}, of the wrong JSON type or out of range.
 *
 * <p>{@link #parse} walks the whole value once with Jackson's streaming parser, keeping only the
 * fields the contract names, each in its {@link WireFields#slotOf slot}; any syntax error, duplicate name
 * ({@link DuplicateNames}) or trailing data anywhere makes the record {@code malformed} before a single field is
 * judged, as docs/contract.md §3 orders the checks.
 */
final class EventFieldReader {

    /** By {@link WireFields#slotOf}; null where the record does not have the field. */
    private final FieldValue[] fields;

    private EventFieldReader(FieldValue[] fields) {
        this.fields = fields;
    }

    /**
     * Parses a value already known to be well-formed UTF-8 ({@link StrictUtf8}), straight from its bytes.
     *
     * @throws EventRejected {@code malformed} when the text is not one JSON object
     */
    static EventFieldReader parse(byte[] value) {
        try (JsonParser parser = EventJson.DECODING.createParser(value)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                // read on, so that broken JSON is reported as such rather than as "not an object"
                DuplicateNames.skipValue(parser);
                while (parser.nextToken() != null) {
                    DuplicateNames.skipValue(parser);
                }
                throw malformed("value is not a JSON object");
            }
            FieldValue[] fields = new FieldValue[WireFields.COUNT];
            DuplicateNames otherNames = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                int slot = WireFields.slotOf(name);
                if (slot >= 0 && fields[slot] != null) {
                    throw DuplicateNames.refusal(parser);
                }
                JsonToken token = parser.nextToken();
                if (slot >= 0) {
                    // the event's own fields need no name set: a filled slot is a duplicate
                    fields[slot] = read(parser, name, token, value);
                } else {
                    if (otherNames == null) {
                        otherNames = new DuplicateNames();
                    }
                    otherNames.add(name, parser);
                    DuplicateNames.skipValue(parser);
                }
            }
            if (parser.nextToken() != null) {
                throw malformed("value is not valid JSON (trailing data)" + at(parser.currentTokenLocation()));
            }
            return new EventFieldReader(fields);
        } catch (JacksonException e) {
            // Jackson's own message may quote the input, which may be content: give the position only.
            throw malformed("value is not valid JSON (syntax error, duplicate field name or trailing data)"
                    + at(e.getLocation()));
        }
    }

    private static FieldValue read(JsonParser parser, String name, JsonToken token, byte[] value) {
        return switch (token) {
            case VALUE_STRING -> FieldValue.string(parser.getString());
            case VALUE_NUMBER_INT ->
                parser.getNumberType() == JsonParser.NumberType.INT
                        ? FieldValue.integer(parser.getIntValue())
                        : FieldValue.other(token);
            case START_OBJECT -> {
                // the object's own text, sent on to jsonb as it came: no tree, no re-serialising
                int start = (int) parser.currentTokenLocation().getByteOffset();
                String flaw = MetadataWalk.flawOf(parser, name);
                int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
                yield FieldValue.object(new String(value, start, end - start, StandardCharsets.UTF_8), flaw);
            }
            default -> {
                DuplicateNames.skipValue(parser);
                yield FieldValue.other(token);
            }
        };
    }

    static String at(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static EventRejected malformed(String detail) {
        return new EventRejected(RejectionReason.MALFORMED, detail);
    }

    /** The field's value; missing and JSON {@code null} are both violations. */
    FieldValue required(String name) {
        FieldValue value = fields[WireFields.slotOf(name)];
        if (value == null) {
            throw EventRejected.schemaViolation(name + " is missing");
        }
        if (value.isNull()) {
            throw EventRejected.schemaViolation(name + " is null");
        }
        return value;
    }

    String string(String name) {
        FieldValue value = required(name);
        if (!value.isString()) {
            throw EventRejected.schemaViolation(name + " must be a string");
        }
        return value.text();
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
        return EventType.fromWire(string(name))
                .orElseThrow(() -> EventRejected.schemaViolation(
                        name + " must be message.created, message.updated or message.deleted"));
    }

    Role role(String name) {
        return Role.fromWire(string(name))
                .orElseThrow(() -> EventRejected.schemaViolation(name + " must be user, assistant, system or tool"));
    }

    /** A JSON integer (not {@code 1.0}, not {@code "1"}) that fits the int4 column and is at least 1. */
    int positiveInt(String name) {
        FieldValue value = required(name);
        if (!value.isIntegralNumber()) {
            throw EventRejected.schemaViolation(name + " must be an integer");
        }
        if (!value.fitsInt() || value.intValue() < 1) {
            throw EventRejected.schemaViolation(name + " must be between 1 and " + Integer.MAX_VALUE);
        }
        return value.intValue();
    }

    /**
     * The JSON text of an object field as it was sent, or null when it is absent or JSON
     * {@code null}. PostgreSQL's {@code jsonb} normalises it; numbers keep their exact text.
     */
    String jsonObjectOrNull(String name) {
        FieldValue value = fields[WireFields.slotOf(name)];
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw EventRejected.schemaViolation(name + " must be a JSON object or null");
        }
        if (value.flaw() != null) {
            throw EventRejected.schemaViolation(value.flaw());
        }
        return value.text();
    }
}
