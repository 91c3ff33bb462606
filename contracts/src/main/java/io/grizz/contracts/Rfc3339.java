package io.grizz.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * RFC 3339 {@code date-time} text, hand-parsed: {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}
 * accepts forms RFC 3339 forbids ({@code +02}, {@code +0200}), rejects some it allows
 * ({@code t}, {@code z}, more than nine fraction digits) and is slow on the hot path.
 */
final class Rfc3339 {

    private static final int SECONDS_PER_DAY = 86_400;
    private static final int MICRO_DIGITS = 6;
    /** The shortest form: no seconds, see {@link #parseOrNull}. */
    private static final int SHORTEST = "0000-00-00T00:00Z".length();

    /** Always UTC, always six fraction digits: one spelling per stored instant. */
    private static final DateTimeFormatter UTC_MICROS = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, MICRO_DIGITS, MICRO_DIGITS, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private Rfc3339() {}

    /**
     * The instant {@code s} denotes, truncated (not rounded) to microseconds, or null when
     * {@code s} is not an RFC 3339 date-time with an offset. A leap second ({@code :60}) is
     * accepted where it can occur, at 23:59:60 UTC, and read as 23:59:59 like
     * {@code java.time} does.
     *
     * <p>Beyond RFC 3339, a time without seconds ({@code 2026-07-01T10:00Z},
     * {@code …T10:00+02:00}) is read as {@code :00} (docs/contract.md §3): it is what
     * {@code OffsetDateTime.toString()} writes whenever the seconds and their fraction are zero,
     * so a Java producer would otherwise lose every event stamped on a whole minute. A fraction
     * needs the seconds before it, as in {@code java.time}.
     */
    static Instant parseOrNull(String s) {
        int n = s.length();
        if (n < SHORTEST) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        boolean withSeconds = n > 16 && s.charAt(16) == ':';
        if (withSeconds && n < SHORTEST + 3) {
            return null;
        }
        int second = withSeconds ? digits(s, 17, 2) : 0;
        if ((year | month | day | hour | minute | second) < 0
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || !isT(s.charAt(10))
                || s.charAt(13) != ':') {
            return null;
        }
        if (!inRange(year, month, day, hour, minute, second)) {
            return null;
        }
        int pos = withSeconds ? 19 : 16;
        int micros = 0;
        if (withSeconds && s.charAt(pos) == '.') {
            int start = pos + 1;
            pos = digitsEnd(s, start);
            if (pos == start) {
                return null;
            }
            micros = fractionMicros(s, start, pos);
        }
        int offsetSeconds = offsetSecondsOrInvalid(s, pos);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        boolean leapSecond = second == 60;
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * SECONDS_PER_DAY
                + hour * 3600L
                + minute * 60L
                + (leapSecond ? 59 : second)
                - offsetSeconds;
        if (leapSecond && Math.floorMod(epochSecond, SECONDS_PER_DAY) != SECONDS_PER_DAY - 1) {
            return null;
        }
        return Instant.ofEpochSecond(epochSecond, micros * 1_000L);
    }

    /** Each field within its range; 60 seconds for a leap second, which {@link #parseOrNull} checks further. */
    private static boolean inRange(int year, int month, int day, int hour, int minute, int second) {
        return month >= 1
                && month <= 12
                && day >= 1
                && day <= Month.of(month).length(Year.isLeap(year))
                && hour <= 23
                && minute <= 59
                && second <= 60;
    }

    /** Where the run of ASCII digits from {@code from} ends: {@code from} itself when there is none. */
    private static int digitsEnd(String s, int from) {
        int pos = from;
        while (pos < s.length() && isDigit(s.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    /** The fraction digits in [{@code start}, {@code end}) as microseconds: the first six, the rest truncated. */
    private static int fractionMicros(String s, int start, int end) {
        int micros = 0;
        for (int pos = start; pos < end; pos++) {
            if (pos - start < MICRO_DIGITS) {
                micros = micros * 10 + (s.charAt(pos) - '0');
            }
        }
        for (int i = end - start; i < MICRO_DIGITS; i++) {
            micros *= 10;
        }
        return micros;
    }

    /** RFC 3339 text in UTC with exactly six fraction digits, e.g. {@code 2024-05-01T12:00:00.000000Z}. */
    static String format(Instant instant) {
        return UTC_MICROS.format(instant);
    }

    /**
     * The offset that ends {@code s} at {@code pos}, or {@link Integer#MIN_VALUE} if there is none or more text
     * follows.
     */
    private static int offsetSecondsOrInvalid(String s, int pos) {
        int n = s.length();
        if (pos >= n) {
            return Integer.MIN_VALUE;
        }
        char c = s.charAt(pos);
        if (c == 'Z' || c == 'z') {
            return pos + 1 == n ? 0 : Integer.MIN_VALUE;
        }
        if ((c != '+' && c != '-') || pos + 6 != n || s.charAt(pos + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        int hours = digits(s, pos + 1, 2);
        int minutes = digits(s, pos + 4, 2);
        if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return c == '-' ? -seconds : seconds;
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isT(char c) {
        return c == 'T' || c == 't';
    }
}
