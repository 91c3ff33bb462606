package io.grizz.load.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-event timestamps into series over time: rows persisted per second, and latency percentiles per window.
 * Buckets are counted from {@code originMicros} (the run's start), so the x axis is seconds into the run.
 */
public final class Timelines {

    /** Enough points for a readable chart without drawing noise. */
    static final int MAX_BUCKETS = 60;

    private Timelines() {}

    /** A bucket width from the "nice" steps 0.1, 0.2, 0.5, 1, 2, 5, … s that keeps a span within MAX_BUCKETS. */
    public static long bucketMicros(long spanMicros) {
        long[] steps = {100_000, 200_000, 500_000};
        for (long scale = 1; ; scale *= 10) {
            for (long step : steps) {
                if (step * scale * MAX_BUCKETS >= spanMicros) {
                    return step * scale;
                }
            }
        }
    }

    /**
     * Events per second in each bucket of {@code bucketMicros}, from the bucket of the earliest timestamp to that of
     * the latest; empty buckets are zeros, so a stall shows as a gap.
     *
     * @param timesMicros epoch microseconds of each event; values of 0 are skipped (not persisted)
     */
    public static Series ratePerSecond(String name, long[] timesMicros, long originMicros, long bucketMicros) {
        long last = Long.MIN_VALUE;
        for (long t : timesMicros) {
            if (t != 0) {
                last = Math.max(last, t);
            }
        }
        List<double[]> points = new ArrayList<>();
        if (last == Long.MIN_VALUE) {
            return new Series(name, points);
        }
        int buckets = (int) (Math.max(0, last - originMicros) / bucketMicros) + 1;
        long[] counts = new long[buckets];
        for (long t : timesMicros) {
            if (t != 0) {
                counts[(int) (Math.max(0, t - originMicros) / bucketMicros)]++;
            }
        }
        double seconds = bucketMicros / 1e6;
        for (int b = 0; b < buckets; b++) {
            points.add(new double[] {b * bucketMicros / 1e6, counts[b] / seconds});
        }
        return new Series(name, points);
    }

    /**
     * Latency percentiles per window of send time: one series each for p50, p99 and max, in milliseconds.
     *
     * @param sentMicros      when each event was (meant to be) sent; 0 = skip
     * @param latencyMicros   its latency
     */
    public static List<Series> latencyPerWindow(
            long[] sentMicros, long[] latencyMicros, long originMicros, long windowMicros) {
        int windows = 0;
        for (long sent : sentMicros) {
            if (sent != 0) {
                windows = Math.max(windows, (int) (Math.max(0, sent - originMicros) / windowMicros) + 1);
            }
        }
        LatencyRecorder[] perWindow = new LatencyRecorder[windows];
        for (int i = 0; i < sentMicros.length; i++) {
            if (sentMicros[i] != 0) {
                int w = (int) (Math.max(0, sentMicros[i] - originMicros) / windowMicros);
                if (perWindow[w] == null) {
                    perWindow[w] = new LatencyRecorder();
                }
                perWindow[w].record(latencyMicros[i]);
            }
        }
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        List<double[]> max = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            if (perWindow[w] == null) {
                continue;
            }
            double x = (w + 1) * windowMicros / 1e6;
            LatencySummary summary = perWindow[w].summary("");
            p50.add(new double[] {x, summary.p50Ms()});
            p99.add(new double[] {x, summary.p99Ms()});
            max.add(new double[] {x, summary.maxMs()});
        }
        return List.of(new Series("p50", p50), new Series("p99", p99), new Series("max", max));
    }
}
