package io.grizz.load.report;

import java.util.Locale;

/** How figures are printed: thousands separated, a precision that suits the magnitude. */
public final class Numbers {

    private Numbers() {}

    public static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || Math.rint(value) == value) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
