package io.grizz.contracts;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly. JSON parsers are lenient about bad byte sequences inside strings,
 * and {@code new String(bytes, UTF_8)} silently substitutes U+FFFD; either would store text
 * the producer never sent. The chars decoded here are the ones the JSON parser then reads,
 * so strictness costs no second decoding.
 */
final class StrictUtf8 {

    private StrictUtf8() {}

    /** The decoded text, backed by an array, or null if {@code bytes} is not valid UTF-8. */
    static CharBuffer decodeOrNull(byte[] bytes) {
        try {
            // A decoder is stateful and not thread-safe; a new one per call is cheap.
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
