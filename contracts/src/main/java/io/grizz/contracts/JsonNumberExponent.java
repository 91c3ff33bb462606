package io.grizz.contracts;

/**
 * The decimal exponent of a JSON number, read from its text: the power of ten of its leading
 * non-zero digit ({@code 1e308} → 308, {@code -0.01} → -2, {@code 12345} → 4). Zero has no leading
 * digit; its exponent is that of its last written digit ({@code 0.000} → -3, {@code 0e400} → 400),
 * which is what PostgreSQL's {@code numeric} keeps and prints.
 *
 * <p>Read from the text, not from a {@code BigDecimal}: {@code 1e99999999999} does not fit a
 * {@code BigDecimal}'s scale, and must still be judged (and refused), not be a parser error.
 */
final class JsonNumberExponent {

    /** Written exponents beyond this are all alike: far out of range. Keeps the arithmetic in a long. */
    private static final long SATURATION = 1_000_000_000_000L;

    private JsonNumberExponent() {}

    /** @param text a number as JSON writes it: {@code -?int(.frac)?([eE][+-]?digits)?} */
    static long of(char[] text, int offset, int length) {
        int i = offset;
        int end = offset + length;
        if (i < end && text[i] == '-') {
            i++;
        }
        int integerDigits = 0;
        int firstNonZero = -1; // position among all mantissa digits
        int digits = 0;
        while (i < end && isDigit(text[i])) {
            if (firstNonZero < 0 && text[i] != '0') {
                firstNonZero = digits;
            }
            digits++;
            integerDigits++;
            i++;
        }
        if (i < end && text[i] == '.') {
            i++;
            while (i < end && isDigit(text[i])) {
                if (firstNonZero < 0 && text[i] != '0') {
                    firstNonZero = digits;
                }
                digits++;
                i++;
            }
        }
        long written = 0;
        if (i < end && (text[i] == 'e' || text[i] == 'E')) {
            i++;
            boolean negative = i < end && text[i] == '-';
            if (i < end && (text[i] == '-' || text[i] == '+')) {
                i++;
            }
            while (i < end && isDigit(text[i])) {
                written = Math.min(SATURATION, written * 10 + (text[i] - '0'));
                i++;
            }
            written = negative ? -written : written;
        }
        // the digit at mantissa position p stands for 10^(integerDigits - 1 - p), times 10^written
        int position = firstNonZero >= 0 ? firstNonZero : digits - 1;
        return written + integerDigits - 1 - position;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
