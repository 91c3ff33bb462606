package io.grizz.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The shipped JSON Schema, parsed, with the regular expressions it asks producers to meet. */
record SchemaDocument(JsonNode root) {

    static SchemaDocument load() {
        try (InputStream in = Schemas.messageWriteV1()) {
            return new SchemaDocument(EventJson.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's patterns are plain enough that ECMA-262 and java.util.regex read them alike. */
    Pattern uuidPattern() {
        return Pattern.compile(root.at("/$defs/uuid/pattern").stringValue());
    }

    Pattern dateTimePattern() {
        return Pattern.compile(root.at("/$defs/dateTime/pattern").stringValue());
    }
}
