package io.grizz.contracts;

/**
 * What PostgreSQL {@code text} and {@code jsonb} can hold. They refuse U+0000, and a UTF-16
 * surrogate without its partner has no UTF-8 form at all: the JDBC driver would silently
 * store {@code ?} instead. Both arrive through JSON escapes ({@code \u0000}, {@code \ud800})
 * even though the record bytes are valid UTF-8, so they are caught here as a
 * {@code schema_violation} rather than failing or corrupting the write later.
 */
final class PostgresText {

    /** Returned by {@link #utf8LengthIfStorable} for text PostgreSQL cannot store. */
    static final long NOT_STORABLE = -1;

    private PostgresText() {}

    /**
     * The length of {@code s} in UTF-8 bytes, or {@link #NOT_STORABLE}. One pass serves both
     * the storability check and the size limit, so large contents are scanned only once.
     */
    static long utf8LengthIfStorable(String s) {
        // The content of every created and updated record: its ASCII prefix (often all of it) in a loop the JIT
        // keeps tight, with String's own charAt instead of CharSequence's.
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == 0) {
                break;
            }
            i++;
        }
        return i == n ? n : utf8LengthIfStorable(s, i);
    }

    /** {@link #utf8LengthIfStorable(String)} of any text; see there. */
    static long utf8LengthIfStorable(CharSequence s) {
        return utf8LengthIfStorable(s, 0);
    }

    /** From {@code from} on, the chars before it being ASCII: a byte each. */
    private static long utf8LengthIfStorable(CharSequence s, int from) {
        int n = s.length();
        long bytes = from;
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == 0) {
                    return NOT_STORABLE;
                }
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return NOT_STORABLE;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Also for a parser's buffer without a copy: {@code CharBuffer.wrap(chars, offset, length)}. */
    static boolean isStorable(CharSequence s) {
        return utf8LengthIfStorable(s) != NOT_STORABLE;
    }
}
