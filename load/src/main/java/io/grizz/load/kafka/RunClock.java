package io.grizz.load.kafka;

import java.time.Instant;

/**
 * Wall-clock time read from the monotonic clock: microsecond resolution, never going backwards, and anchored once to
 * the system clock, which is also PostgreSQL's when both run on one machine ({@code persisted_at} comes from there).
 */
public final class RunClock {

    private final long anchorEpochMicros;
    private final long anchorNanos;

    private RunClock(long anchorEpochMicros, long anchorNanos) {
        this.anchorEpochMicros = anchorEpochMicros;
        this.anchorNanos = anchorNanos;
    }

    public static RunClock start() {
        Instant now = Instant.now();
        return new RunClock(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000, System.nanoTime());
    }

    public long nowMicros() {
        return toEpochMicros(System.nanoTime());
    }

    public long toEpochMicros(long nanoTime) {
        return anchorEpochMicros + (nanoTime - anchorNanos) / 1_000;
    }

    /** The {@link System#nanoTime()} reading at {@code epochMicros}. */
    public long toNanoTime(long epochMicros) {
        return anchorNanos + (epochMicros - anchorEpochMicros) * 1_000;
    }

    public static Instant instant(long epochMicros) {
        return Instant.ofEpochSecond(
                Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000);
    }
}
