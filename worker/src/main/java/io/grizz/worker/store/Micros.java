package io.grizz.worker.store;

import io.grizz.contracts.schema.BinaryCopyWriter;
import java.time.Instant;

/**
 * Timestamps as microseconds since the Unix epoch, the form they travel in as {@code int8[]} array
 * elements: exact, and without a date to format on one side and parse on the other. Both ends of
 * the trip: the Java side that makes the number and the SQL side that makes it a
 * {@code timestamptz} again.
 */
final class Micros {

    private Micros() {}

    /**
     * Microseconds since the epoch: PostgreSQL's own resolution (the decoder has truncated every
     * time to it), and independent of the session's DateStyle and TimeZone.
     */
    static Long sinceEpoch(Instant instant) {
        return instant == null ? null : BinaryCopyWriter.microsSinceUnixEpoch(instant);
    }

    /**
     * The {@code timestamptz} of an {@code int8} column of microseconds since the epoch, exact for
     * every instant the decoder accepts. {@code int8 * interval} multiplies in {@code float8}, whose
     * 53 bits hold microseconds exactly only up to about the year 2255: year 9999's last
     * microsecond came out as 10000-01-01. Whole seconds times one second stay exact through year
     * 9999 (seconds × 15,625 < 2^53), and the microseconds left over are below a million.
     */
    static String toTimestamptz(String column) {
        String seconds = "(%1$s / 1000000) * interval '1 second'";
        String micros = "(%1$s %% 1000000) * interval '1 microsecond'";
        return ("timestamptz 'epoch' + " + seconds + " + " + micros).formatted(column);
    }
}
