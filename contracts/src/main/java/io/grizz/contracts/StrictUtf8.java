package io.grizz.contracts;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that bytes are well-formed UTF-8 (Unicode 15, table 3-7: no overlong forms, no encoded surrogates,
 * nothing above U+10FFFF, no truncated sequence) — what Java's UTF-8 decoder accepts with
 * {@code CodingErrorAction.REPORT}. JSON parsers are lenient about bad byte sequences inside strings, and
 * {@code new String(bytes, UTF_8)} silently substitutes U+FFFD; either would store text the producer never sent.
 *
 * <p>It checks without decoding: the JSON parser then reads the bytes themselves, so a record is decoded once,
 * by the parser, and no char copy of it is made (a decoder's {@code CharBuffer} was a tenth of the worker's
 * allocation).
 */
final class StrictUtf8 {

    /** Eight bytes at a time, in any order: only their high bits are looked at. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final long HIGH_BITS = 0x8080808080808080L;

    private StrictUtf8() {}

    /** True when {@code bytes} is well-formed UTF-8 throughout. */
    static boolean isWellFormed(byte[] bytes) {
        int i = 0;
        int length = bytes.length;
        while (i < length) {
            // a record is mostly ASCII: skip it a word at a time, the sequences below byte by byte
            if (i + Long.BYTES <= length && ((long) WORDS.get(bytes, i) & HIGH_BITS) == 0) {
                i += Long.BYTES;
                continue;
            }
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            if (b < 0xC2) {
                // a continuation byte where a sequence should start, or an overlong two-byte lead (C0, C1)
                return false;
            }
            if (b < 0xE0) {
                if (i + 1 >= length || !isContinuation(bytes[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (b < 0xF0) {
                if (i + 2 >= length) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                // E0 needs A0..BF (no overlong), ED needs 80..9F (no surrogates)
                int low = b == 0xE0 ? 0xA0 : 0x80;
                int high = b == 0xED ? 0x9F : 0xBF;
                if (b1 < low || b1 > high || !isContinuation(bytes[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (b < 0xF5) {
                if (i + 3 >= length) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                // F0 needs 90..BF (no overlong), F4 needs 80..8F (nothing above U+10FFFF)
                int low = b == 0xF0 ? 0x90 : 0x80;
                int high = b == 0xF4 ? 0x8F : 0xBF;
                if (b1 < low || b1 > high || !isContinuation(bytes[i + 2]) || !isContinuation(bytes[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
