package io.grizz.contracts;

import static io.grizz.contracts.WireFields.CONTENT;
import static io.grizz.contracts.WireFields.CONVERSATION_ID;
import static io.grizz.contracts.WireFields.EVENT_ID;
import static io.grizz.contracts.WireFields.MESSAGE_ID;
import static io.grizz.contracts.WireFields.METADATA;
import static io.grizz.contracts.WireFields.OCCURRED_AT;
import static io.grizz.contracts.WireFields.REVISION;
import static io.grizz.contracts.WireFields.ROLE;
import static io.grizz.contracts.WireFields.SCHEMA_VERSION;
import static io.grizz.contracts.WireFields.TYPE;
import static io.grizz.contracts.WireFields.USER_ID;
import static io.grizz.contracts.WireFields.VERSION_1;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;

/**
 * Writes {@link MessageWrite}s as v1 record values and keys, for producers and the load
 * harness. Values are written with a streaming generator (no intermediate tree);
 * {@code metadataJson} is copied in raw, as the record already holds it as JSON object
 * text. Thread-safe.
 */
public final class MessageWriteEncoder {

    /** Room for the fixed fields, so small events need no buffer growth. */
    private static final int FIXED_FIELDS_BYTES = 320;

    /**
     * The record value: schema_version 1, snake_case fields, occurred_at in UTC with six
     * fraction digits, role/content/metadata only when present (a delete has none).
     */
    public byte[] encode(MessageWrite e) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(FIXED_FIELDS_BYTES + lengthOf(e.content()) + lengthOf(e.metadataJson()));
        try (JsonGenerator g = EventJson.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberProperty(SCHEMA_VERSION, VERSION_1);
            g.writeStringProperty(EVENT_ID, e.eventId().toString());
            g.writeStringProperty(TYPE, e.type().wireName());
            g.writeStringProperty(OCCURRED_AT, Rfc3339.format(e.occurredAt()));
            g.writeStringProperty(MESSAGE_ID, e.messageId().toString());
            g.writeStringProperty(CONVERSATION_ID, e.conversationId().toString());
            g.writeStringProperty(USER_ID, e.userId().toString());
            g.writeNumberProperty(REVISION, e.revision());
            if (e.role() != null) {
                g.writeStringProperty(ROLE, e.role().wireName());
            }
            if (e.content() != null) {
                g.writeStringProperty(CONTENT, e.content());
            }
            if (e.metadataJson() != null) {
                g.writeName(METADATA);
                g.writeRawValue(e.metadataJson());
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** The record key: the conversation id as lower-case UUID text in UTF-8 (docs/contract.md §3). */
    public static byte[] key(UUID conversationId) {
        return conversationId.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int lengthOf(String s) {
        return s == null ? 0 : s.length();
    }
}
