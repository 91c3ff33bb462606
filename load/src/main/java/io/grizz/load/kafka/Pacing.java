package io.grizz.load.kafka;

import java.util.concurrent.locks.LockSupport;

/** When each writer sends its next event. */
public interface Pacing {

    /**
     * Waits until writer {@code writer}'s event number {@code k} is due and returns when it was due, in epoch
     * microseconds. That time, not the moment the writer got to it, becomes the event's {@code occurred_at}.
     */
    long awaitTurn(int writer, int k);

    /** Every writer sends its next event as soon as the previous one is acknowledged: a burst. */
    static Pacing asFastAsPossible(RunClock clock) {
        return (writer, k) -> clock.nowMicros();
    }

    /**
     * An open-loop schedule at a fixed total rate: writer w sends its k-th event at
     * {@code start + (k + w / W) · duration / length(w)}, so every writer spreads its events over the whole duration,
     * all finish together, and the writers' phases are staggered.
     *
     * <p>Coordinated omission: a writer still waiting for an acknowledgement when its next event is due sends that
     * event late, but the event's time stays the one it was due at; latency is measured from there, so a stalled
     * system shows its stall in the percentiles instead of silently lowering the offered rate.
     */
    static Pacing spread(RunClock clock, long startMicros, long durationMicros, int[] lengths) {
        int writers = lengths.length;
        return (writer, k) -> {
            double interval = durationMicros / (double) Math.max(1, lengths[writer]);
            long due = startMicros + (long) ((k + writer / (double) writers) * interval);
            long dueNanos = clock.toNanoTime(due);
            for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            return due;
        };
    }
}
