package io.grizz.load.commands;

import io.grizz.load.measure.LatencyRecorder;
import io.grizz.load.oracle.Observations;
import io.grizz.load.workload.FinalWriteTimes;

/**
 * End-to-end figures from what the oracle saw: {@code persisted_at} of each visible message against the send time of
 * its final write. {@code persisted_at} is PostgreSQL's {@code now()}, the start of the worker's transaction, so the
 * latency stops a little before the row became visible, by the length of that transaction.
 */
final class EndToEnd {

    private EndToEnd() {}

    /** Latencies of the final writes sent in [{@code fromMicros}, {@code untilMicros}). */
    static LatencyRecorder latencies(
            Observations observations, FinalWriteTimes times, long fromMicros, long untilMicros) {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int m = 0; m < observations.expected().messages(); m++) {
            long sent = times.sentMicros(m);
            if (observations.visible(m) && sent >= fromMicros && sent < untilMicros) {
                recorder.record(observations.persistedMicros(m) - sent);
            }
        }
        return recorder;
    }

    static LatencyRecorder latencies(Observations observations, FinalWriteTimes times) {
        return latencies(observations, times, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** {@code persisted_at} per message in epoch microseconds, 0 where not visible. */
    static long[] persistedMicros(Observations observations) {
        long[] persisted = new long[observations.expected().messages()];
        for (int m = 0; m < persisted.length; m++) {
            if (observations.visible(m)) {
                persisted[m] = observations.persistedMicros(m);
            }
        }
        return persisted;
    }

    static long latest(long[] micros) {
        long latest = 0;
        for (long t : micros) {
            latest = Math.max(latest, t);
        }
        return latest;
    }
}
