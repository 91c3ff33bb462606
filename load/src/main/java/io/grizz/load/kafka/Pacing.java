package io.grizz.load.kafka;

/** When each writer sends its next event. */
public interface Pacing {

    /** Due as soon as the writer's previous event is acknowledged. */
    long UNSCHEDULED = Long.MIN_VALUE;

    /**
     * When writer {@code writer}'s event number {@code k} is due, in epoch microseconds, or {@link #UNSCHEDULED}.
     * A scheduled event carries its due time as {@code occurred_at} even when it is sent late.
     */
    long dueMicros(int writer, int k);

    /** Every writer sends its next event as soon as the previous one is acknowledged: a burst. */
    static Pacing asFastAsPossible() {
        return (writer, k) -> UNSCHEDULED;
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
    static Pacing spread(long startMicros, long durationMicros, int[] lengths) {
        int writers = lengths.length;
        return (writer, k) -> {
            double interval = durationMicros / (double) Math.max(1, lengths[writer]);
            return startMicros + (long) ((k + writer / (double) writers) * interval);
        };
    }
}
