package io.grizz.load.measure;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Latencies in microseconds in an HdrHistogram: three significant digits up to an hour, so p99.9 and the maximum are
 * exact to 0.1 % whatever the spread, with no sampling. Not thread-safe: record from one thread.
 */
public final class LatencyRecorder {

    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
    private long negative;

    /**
     * Records one latency. A negative one (the database's clock behind the harness's, possible only against remote
     * servers) is counted apart and recorded as 0 rather than dropped.
     */
    public void record(long micros) {
        if (micros < 0) {
            negative++;
        }
        histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, micros)));
    }

    /** Adds another recorder's values, e.g. one per thread merged at the end. */
    public void add(LatencyRecorder other) {
        histogram.add(other.histogram);
        negative += other.negative;
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** Latencies that came out negative: a clock skew between harness and database, not a real figure. */
    public long negative() {
        return negative;
    }

    public LatencySummary summary(String name) {
        if (histogram.getTotalCount() == 0) {
            return new LatencySummary(name, 0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(
                name,
                histogram.getTotalCount(),
                ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(90)),
                ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getValueAtPercentile(99.9)),
                ms(histogram.getMaxValue()),
                histogram.getMean() / 1000.0);
    }

    /**
     * The percentile spectrum for a chart, as HdrHistogram plots it: x = log10(1 / (1 − percentile)), so 90 %, 99 %,
     * 99.9 % are evenly spaced at 1, 2, 3; y = latency in milliseconds.
     */
    public List<double[]> spectrum() {
        List<double[]> points = new ArrayList<>();
        if (histogram.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue value : histogram.percentiles(5)) {
            double percentile = value.getPercentileLevelIteratedTo();
            if (percentile >= 100.0) {
                break;
            }
            points.add(new double[] {-Math.log10(1 - percentile / 100.0), ms(value.getValueIteratedTo())});
        }
        double lastX = points.isEmpty() ? 0 : points.get(points.size() - 1)[0];
        points.add(new double[] {Math.max(lastX, Math.log10(histogram.getTotalCount())), ms(histogram.getMaxValue())});
        return points;
    }

    private static double ms(double micros) {
        return micros / 1000.0;
    }
}
