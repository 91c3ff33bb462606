package io.grizz.contracts;

import tools.jackson.core.JsonToken;

/**
 * One top-level field's value as the parser met it, kept instead of a tree node: the decoder
 * reads a dozen scalars and one object per record, and building a tree for that cost more than
 * everything else it does.
 *
 * @param token    the value's first token ({@code START_OBJECT} for an object, and so on)
 * @param text     a string's value, or an object's JSON text exactly as sent; else null
 * @param intValue an integer's value when {@code fitsInt}
 * @param fitsInt  whether an integer fits a Java int
 * @param flaw     for an object: why PostgreSQL cannot take it as sent (see {@link MetadataWalk}), as a
 *                 {@code schema_violation} detail; null when it can, and for every other value
 */
record FieldValue(JsonToken token, String text, int intValue, boolean fitsInt, String flaw) {

    static FieldValue string(String text) {
        return new FieldValue(JsonToken.VALUE_STRING, text, 0, false, null);
    }

    static FieldValue integer(int value) {
        return new FieldValue(JsonToken.VALUE_NUMBER_INT, null, value, true, null);
    }

    static FieldValue object(String json, String flaw) {
        return new FieldValue(JsonToken.START_OBJECT, json, 0, false, flaw);
    }

    /** Any other value: its token says what it is, nothing more is needed. */
    static FieldValue other(JsonToken token) {
        return new FieldValue(token, null, 0, false, null);
    }

    boolean isNull() {
        return token == JsonToken.VALUE_NULL;
    }

    boolean isString() {
        return token == JsonToken.VALUE_STRING;
    }

    boolean isIntegralNumber() {
        return token == JsonToken.VALUE_NUMBER_INT;
    }

    boolean isObject() {
        return token == JsonToken.START_OBJECT;
    }
}
