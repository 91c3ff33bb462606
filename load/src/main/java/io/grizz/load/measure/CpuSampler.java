package io.grizz.load.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Samples the cumulative CPU seconds of a few processes (worker, PostgreSQL, Kafka, the harness) a few times a
 * second, so a report can say where the machine's cores went during a phase: on a small machine all of them share
 * the same cores, and the worker's rate is bounded by what the others leave it.
 */
public final class CpuSampler implements AutoCloseable {

    /** The series of what the machine used beyond the sampled processes: other people's work, noise to a benchmark. */
    public static final String OTHERS = "other processes";

    private final Map<String, DoubleSupplier> sources;
    private final DoubleSupplier machine;
    private final LongSupplier clockMicros;
    private final long intervalMillis;
    private final List<Long> times = new ArrayList<>();
    private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
    private final Thread sampler;
    private volatile boolean closed;

    private CpuSampler(
            Map<String, DoubleSupplier> sources,
            DoubleSupplier machine,
            LongSupplier clockMicros,
            long intervalMillis) {
        this.sources = sources;
        this.machine = machine;
        this.clockMicros = clockMicros;
        this.intervalMillis = intervalMillis;
        sources.keySet().forEach(name -> seconds.put(name, new ArrayList<>()));
        seconds.put(OTHERS, new ArrayList<>());
        this.sampler = new Thread(this::sampleUntilClosed, "grizz-load-cpu-sampler");
        this.sampler.setDaemon(true);
    }

    /**
     * @param sources     name → cumulative CPU seconds of that process (group)
     * @param machine     cumulative CPU seconds of the whole machine; what the sources did not use of it is reported
     *                    as {@value #OTHERS}
     * @param clockMicros epoch microseconds, the clock the phase is timed with
     */
    public static CpuSampler start(
            Map<String, DoubleSupplier> sources,
            DoubleSupplier machine,
            LongSupplier clockMicros,
            long intervalMillis) {
        CpuSampler cpu = new CpuSampler(new LinkedHashMap<>(sources), machine, clockMicros, intervalMillis);
        cpu.sample();
        cpu.sampler.start();
        return cpu;
    }

    /** Takes one sample now; the sampling thread calls it, tests may too. */
    synchronized void sample() {
        times.add(clockMicros.getAsLong());
        double total = machine.getAsDouble();
        double ours = 0;
        for (Map.Entry<String, DoubleSupplier> source : sources.entrySet()) {
            double used = source.getValue().getAsDouble();
            seconds.get(source.getKey()).add(used);
            ours += used;
        }
        seconds.get(OTHERS).add(total - ours);
    }

    private void sampleUntilClosed() {
        while (!closed) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    /** Average cores each process used in [fromMicros, toMicros], interpolating between samples. */
    public synchronized Map<String, Double> coresBetween(long fromMicros, long toMicros) {
        Map<String, Double> cores = new LinkedHashMap<>();
        double span = Math.max(1, toMicros - fromMicros) / 1e6;
        seconds.forEach((name, values) ->
                cores.put(name, clamp(name, (at(values, toMicros) - at(values, fromMicros)) / span)));
        return cores;
    }

    /** Cores each process used between consecutive samples, x = seconds since {@code originMicros}. */
    public synchronized List<Series> coresOverTime(long originMicros) {
        List<Series> series = new ArrayList<>();
        seconds.forEach((name, values) -> {
            List<double[]> points = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                double dt = (times.get(i) - times.get(i - 1)) / 1e6;
                if (dt > 0) {
                    points.add(new double[] {
                        (times.get(i) - originMicros) / 1e6, clamp(name, (values.get(i) - values.get(i - 1)) / dt)
                    });
                }
            }
            series.add(new Series(name, points));
        });
        return series;
    }

    /**
     * The machine's and the processes' counters are read one after the other, so over a short window what others
     * used can come out slightly negative: that is nothing.
     */
    private static double clamp(String name, double cores) {
        return name.equals(OTHERS) ? Math.max(0, cores) : cores;
    }

    private double at(List<Double> values, long micros) {
        if (micros <= times.get(0)) {
            return values.get(0);
        }
        for (int i = 1; i < times.size(); i++) {
            if (micros <= times.get(i)) {
                double fraction = (micros - times.get(i - 1)) / (double) (times.get(i) - times.get(i - 1));
                return values.get(i - 1) + fraction * (values.get(i) - values.get(i - 1));
            }
        }
        return values.get(values.size() - 1);
    }

    /** Stops sampling after one last sample. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sampler.interrupt();
        sample();
    }
}
