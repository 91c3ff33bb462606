package io.grizz.contracts;

import java.util.UUID;

/**
 * Parses UUIDs in the canonical 8-4-4-4-12 hex form only, in any letter case.
 * {@link UUID#fromString} is not used because it accepts shortened groups ("1-1-1-1-1")
 * and {@link Character#digit} because it accepts non-ASCII digits; both would let two
 * different texts name the same row.
 */
public final class CanonicalUuid {

    private static final int LENGTH = 36;

    private CanonicalUuid() {}

    /** The UUID {@code s} spells, or null when {@code s} is not canonical UUID text. */
    public static UUID parseOrNull(String s) {
        if (s == null || s.length() != LENGTH || !hasHyphensInPlace(s)) {
            return null;
        }
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < LENGTH; i++) {
            if (isHyphenPosition(i)) {
                continue;
            }
            int digit = hexValue(s.charAt(i));
            if (digit < 0) {
                return null;
            }
            if (i < 19) {
                msb = (msb << 4) | digit;
            } else {
                lsb = (lsb << 4) | digit;
            }
        }
        return new UUID(msb, lsb);
    }

    private static boolean hasHyphensInPlace(String s) {
        return s.charAt(8) == '-' && s.charAt(13) == '-' && s.charAt(18) == '-' && s.charAt(23) == '-';
    }

    private static boolean isHyphenPosition(int i) {
        return i == 8 || i == 13 || i == 18 || i == 23;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
