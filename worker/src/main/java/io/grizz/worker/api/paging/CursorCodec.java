package io.grizz.worker.api.paging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a {@link Position} into the opaque {@code next_cursor} text and back.
 *
 * <p>A cursor is base64url of {@code version | epoch microseconds | id | MAC}, where the MAC is
 * HMAC-SHA256 (first 16 bytes) over the list the cursor belongs to and the payload. So a cursor
 * that was edited, truncated, or issued for another list (another conversation, another user's
 * list) is refused rather than read as some other position. It hides nothing secret: the
 * position is the last row the caller was already shown.
 */
public final class CursorCodec {

    private static final byte VERSION = 1;
    private static final int PAYLOAD_BYTES = 1 + Long.BYTES + 2 * Long.BYTES;
    private static final int MAC_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public CursorCodec(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public String encode(String list, Position position) {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES + MAC_BYTES);
        payload.put(VERSION);
        payload.putLong(ChronoUnit.MICROS.between(Instant.EPOCH, position.at()));
        payload.putLong(position.id().getMostSignificantBits());
        payload.putLong(position.id().getLeastSignificantBits());
        payload.put(mac(list, payload.array(), PAYLOAD_BYTES));
        return ENCODER.encodeToString(payload.array());
    }

    /** The position a cursor holds; empty when it is not one this service issued for {@code list}. */
    public Optional<Position> decode(String list, String cursor) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(cursor);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // the decoder ignores the unused low bits of the last character: only the canonical text is this cursor
        if (bytes.length != PAYLOAD_BYTES + MAC_BYTES
                || bytes[0] != VERSION
                || !ENCODER.encodeToString(bytes).equals(cursor)) {
            return Optional.empty();
        }
        byte[] expected = mac(list, bytes, PAYLOAD_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, PAYLOAD_BYTES, bytes.length))) {
            return Optional.empty();
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, 1, PAYLOAD_BYTES - 1);
        Instant at = Instant.EPOCH.plus(payload.getLong(), ChronoUnit.MICROS);
        return Optional.of(new Position(at, new UUID(payload.getLong(), payload.getLong())));
    }

    private byte[] mac(String list, byte[] payload, int length) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(list.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0); // separates the list from the payload
            mac.update(payload, 0, length);
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
