package io.grizz.worker.api.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    private static final String LIST = "messages:6f1c1b7e-3f0a-4a57-9a8e-0d7b6f0e8c11";

    private final CursorCodec codec = new CursorCodec("key one".getBytes(StandardCharsets.UTF_8));
    private final Position position = new Position(Instant.parse("2026-03-01T12:00:01.123456Z"), UUID.randomUUID());

    @Test
    void aCursorReadsBackAsThePositionToTheMicrosecond() {
        assertThat(codec.decode(LIST, codec.encode(LIST, position))).contains(position);
        Position beforeEpoch = new Position(Instant.parse("1969-12-31T23:59:59.999999Z"), new UUID(-1, -1));
        assertThat(codec.decode(LIST, codec.encode(LIST, beforeEpoch))).contains(beforeEpoch);
    }

    @Test
    void aCursorIsUrlSafeText() {
        assertThat(codec.encode(LIST, position)).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void everyChangedByteIsRefused() {
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(LIST, position));
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = bytes.clone();
                tampered[i] ^= (byte) (1 << bit);
                String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
                assertThat(codec.decode(LIST, cursor))
                        .as("byte %d bit %d", i, bit)
                        .isEmpty();
            }
        }
    }

    @Test
    void aCursorOfAnotherListOrAnotherKeyOrNoCursorAtAllIsRefused() {
        String cursor = codec.encode(LIST, position);
        assertThat(codec.decode("messages:another", cursor)).isEmpty();
        assertThat(new CursorCodec("key two".getBytes(StandardCharsets.UTF_8)).decode(LIST, cursor))
                .isEmpty();
        assertThat(codec.decode(LIST, "")).isEmpty();
        assertThat(codec.decode(LIST, "not base64!")).isEmpty();
        assertThat(codec.decode(LIST, cursor.substring(1))).isEmpty();
        assertThat(codec.decode(LIST, cursor + "A")).isEmpty();
    }
}
