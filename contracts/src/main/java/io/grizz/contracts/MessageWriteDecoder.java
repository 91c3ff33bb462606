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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns one Kafka record (key and value bytes) into a {@link MessageWrite} or a
 * {@link Rejection}, following docs/contract.md §3. Checks run in this order and the first that fails
 * decides:
 * <ol>
 * <li>{@code too_large}: the value is over the event limit, in bytes as decoded (after any
 *     decompression); checked on its size alone, before a byte of it is read, so that a value of any
 *     size costs nothing to refuse. A consumer may drop such a value unread and ask
 *     {@link #decodeOversized(long)} for its verdict;</li>
 * <li>{@code malformed}: the value is null or empty, not strict UTF-8, not JSON, has trailing
 *     data or duplicate names, or is not an object;</li>
 * <li>{@code schema_version}: missing, null or not an integer is a {@code schema_violation},
 *     an integer other than 1 is {@code unsupported_version};</li>
 * <li>{@code schema_violation}, field by field: event_id, type, occurred_at, message_id,
 *     conversation_id, user_id, revision, then for created/updated role, content, metadata
 *     (a delete's role, content and metadata are ignored);</li>
 * <li>{@code too_large}: content over the limit in UTF-8 bytes;</li>
 * <li>{@code key_mismatch}: the key is missing, not a canonical UUID, or another UUID than
 *     conversation_id.</li>
 * </ol>
 * Immutable and thread-safe. It runs on every consumed record, so it reads the value in one
 * streaming pass, builds no tree, and hands {@code metadata} on as the text it was sent as.
 */
public final class MessageWriteDecoder {

    /** docs/contract.md §3: content is at most 1 MiB of UTF-8 unless configured otherwise. */
    public static final int DEFAULT_MAX_CONTENT_BYTES = 1024 * 1024;

    /** docs/contract.md §3: a record value is at most 2 MiB as decoded unless configured otherwise. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 2 * 1024 * 1024;

    private static final int UUID_TEXT_LENGTH = 36;

    private final int maxContentBytes;
    private final int maxEventBytes;

    /**
     * @param maxContentBytes the largest content accepted, in UTF-8 bytes; at least 0
     * @param maxEventBytes   the largest record value accepted, in bytes; at least 1
     */
    public MessageWriteDecoder(int maxContentBytes, int maxEventBytes) {
        if (maxContentBytes < 0) {
            throw new IllegalArgumentException("maxContentBytes must not be negative, was " + maxContentBytes);
        }
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be at least 1, was " + maxEventBytes);
        }
        this.maxContentBytes = maxContentBytes;
        this.maxEventBytes = maxEventBytes;
    }

    /** @param maxContentBytes the largest content accepted, in UTF-8 bytes; at least 0 */
    public MessageWriteDecoder(int maxContentBytes) {
        this(maxContentBytes, DEFAULT_MAX_EVENT_BYTES);
    }

    public MessageWriteDecoder() {
        this(DEFAULT_MAX_CONTENT_BYTES);
    }

    /** Whether a record value of this many bytes is {@code too_large} on its size alone. */
    public boolean exceedsEventLimit(long valueBytes) {
        return valueBytes > maxEventBytes;
    }

    /**
     * The verdict on a record value over the event limit that its consumer did not keep.
     *
     * @throws IllegalArgumentException when {@code valueBytes} is within the limit: such a value must be decoded
     */
    public DecodeResult decodeOversized(long valueBytes) {
        if (!exceedsEventLimit(valueBytes)) {
            throw new IllegalArgumentException(
                    "a value of " + valueBytes + " bytes is within the event limit of " + maxEventBytes);
        }
        return DecodeResult.rejected(new Rejection(
                RejectionReason.TOO_LARGE,
                "value is " + valueBytes + " bytes, over the event limit of " + maxEventBytes));
    }

    /** Decodes one record. Never throws for any input, null key or value included. */
    public DecodeResult decode(byte[] key, byte[] value) {
        if (value != null && exceedsEventLimit(value.length)) {
            return decodeOversized(value.length);
        }
        try {
            EventFieldReader fields = parseObject(value);
            checkSchemaVersion(fields);
            MessageWrite event = readEvent(fields);
            checkKey(key, event.conversationId());
            return DecodeResult.valid(event);
        } catch (EventRejected e) {
            return DecodeResult.rejected(e.rejection());
        }
    }

    private static EventFieldReader parseObject(byte[] value) {
        if (value == null || value.length == 0) {
            throw malformed("value is empty");
        }
        if (!StrictUtf8.isWellFormed(value)) {
            throw malformed("value is not valid UTF-8");
        }
        return EventFieldReader.parse(value);
    }

    private static void checkSchemaVersion(EventFieldReader fields) {
        FieldValue version = fields.required(SCHEMA_VERSION);
        if (!version.isIntegralNumber()) {
            throw EventRejected.schemaViolation(SCHEMA_VERSION + " must be an integer");
        }
        if (!version.fitsInt() || version.intValue() != VERSION_1) {
            String which = version.fitsInt() ? " " + version.intValue() : "";
            throw new EventRejected(
                    RejectionReason.UNSUPPORTED_VERSION,
                    SCHEMA_VERSION + which + " is not supported; this decoder reads version " + VERSION_1);
        }
    }

    private MessageWrite readEvent(EventFieldReader fields) {
        UUID eventId = fields.uuid(EVENT_ID);
        EventType type = fields.eventType(TYPE);
        Instant occurredAt = fields.instant(OCCURRED_AT);
        UUID messageId = fields.uuid(MESSAGE_ID);
        UUID conversationId = fields.uuid(CONVERSATION_ID);
        UUID userId = fields.uuid(USER_ID);
        int revision = fields.positiveInt(REVISION);
        if (type == EventType.DELETED) {
            return new MessageWrite(
                    eventId, type, occurredAt, messageId, conversationId, userId, revision, null, null, null);
        }
        Role role = fields.role(ROLE);
        String content = fields.string(CONTENT);
        long contentBytes = PostgresText.utf8LengthIfStorable(content);
        if (contentBytes == PostgresText.NOT_STORABLE) {
            throw EventRejected.schemaViolation(
                    CONTENT + " holds U+0000 or an unpaired surrogate, which PostgreSQL cannot store");
        }
        String metadataJson = fields.jsonObjectOrNull(METADATA);
        if (contentBytes > maxContentBytes) {
            throw new EventRejected(
                    RejectionReason.TOO_LARGE,
                    CONTENT + " is " + contentBytes + " bytes of UTF-8, over the limit of " + maxContentBytes);
        }
        return new MessageWrite(
                eventId, type, occurredAt, messageId, conversationId, userId, revision, role, content, metadataJson);
    }

    private static void checkKey(byte[] key, UUID conversationId) {
        if (key == null) {
            throw keyMismatch("record key is missing; it must be the conversation_id");
        }
        // Canonical UUID text is 36 ASCII bytes. Latin-1 maps each byte to one char, so any
        // non-ASCII byte (and with it any key that is not UTF-8) fails the hex-digit check.
        UUID keyUuid = key.length == UUID_TEXT_LENGTH
                ? CanonicalUuid.parseOrNull(new String(key, StandardCharsets.ISO_8859_1))
                : null;
        if (keyUuid == null) {
            throw keyMismatch("record key is not a UUID in 8-4-4-4-12 hex form");
        }
        if (!keyUuid.equals(conversationId)) {
            throw keyMismatch("record key differs from " + CONVERSATION_ID);
        }
    }

    private static EventRejected malformed(String detail) {
        return new EventRejected(RejectionReason.MALFORMED, detail);
    }

    private static EventRejected keyMismatch(String detail) {
        return new EventRejected(RejectionReason.KEY_MISMATCH, detail);
    }
}
