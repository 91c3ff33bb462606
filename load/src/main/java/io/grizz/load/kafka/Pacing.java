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
        return rampedSpread(startMicros, 0, durationMicros, lengths);
    }

    /**
     * The same schedule with a warm-up: the offered rate rises in a straight line from 0 to the full rate over
     * {@code rampMicros}, then holds for {@code fullRateMicros}. A cold stack (JIT compilers, empty caches) offered
     * the full rate from the first second builds a backlog that can take longer than any warm-up to work off; a
     * ramp lets it warm at the load it will be measured at. The ramp carries half the events the same time at the
     * full rate would, so the writers' lengths are to cover {@code rampMicros / 2 + fullRateMicros} at that rate.
     *
     * <p>Each due time is the spread schedule's, over that shorter span, bent by the ramp: where the spread
     * schedule has sent a share u of the span, the ramped one has reached the time at which the rate's integral
     * is u (a square root on the ramp, a shift after it).
     */
    static Pacing rampedSpread(long startMicros, long rampMicros, long fullRateMicros, int[] lengths) {
        int writers = lengths.length;
        double halfRamp = rampMicros / 2.0;
        double span = halfRamp + fullRateMicros;
        return (writer, k) -> {
            double interval = span / Math.max(1, lengths[writer]);
            double u = (k + writer / (double) writers) * interval;
            double t = u < halfRamp ? Math.sqrt(2.0 * rampMicros * u) : u + halfRamp;
            return startMicros + (long) t;
        };
    }
}
