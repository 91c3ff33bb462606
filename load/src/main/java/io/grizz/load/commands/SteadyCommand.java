package io.grizz.load.commands;

import io.grizz.load.cli.DurationConverter;
import io.grizz.load.cli.MixConverter;
import io.grizz.load.cli.RunIds;
import io.grizz.load.cli.RunOptions;
import io.grizz.load.kafka.Pacing;
import io.grizz.load.measure.LatencyRecorder;
import io.grizz.load.measure.Timelines;
import io.grizz.load.report.Chart;
import io.grizz.load.report.Report;
import io.grizz.load.stack.IngestTarget;
import io.grizz.load.workload.EventMix;
import io.grizz.load.workload.EventStream;
import io.grizz.load.workload.GeneratedWorkload;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A fixed offered rate for a fixed time: the latency-under-load figure. Each event's {@code occurred_at} is the time
 * it was due by the schedule, not when its writer got to send it, so a stall shows in the latencies instead of
 * quietly lowering the rate (coordinated omission).
 */
@Command(
        name = "steady",
        mixinStandardHelpOptions = true,
        description = {
            "Offers a fixed event rate for a fixed duration (after a ramp-up from 0) and reports end-to-end latency "
                    + "percentiles over time and overall.",
            "Latency counts from each event's scheduled send time, so it is coordinated-omission-safe."
        })
public final class SteadyCommand implements Callable<Integer> {

    /** The schedule starts a little after the writers are created, so none of them begins behind it. */
    private static final long START_DELAY_MICROS = 500_000;

    @Mixin
    RunOptions options;

    @Option(
            names = {"-r", "--rate"},
            defaultValue = "2000",
            description = "offered events per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(
            names = {"-d", "--duration"},
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "measured time (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(
            names = "--warmup",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "time before measuring, not counted, over which the offered rate rises in a straight line "
                    + "from 0 to the rate (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(
            names = "--window",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "width of the latency-over-time windows (default: ${DEFAULT-VALUE})")
    Duration window;

    @Option(
            names = "--mix",
            defaultValue = "70,25,5",
            converter = MixConverter.class,
            description = "created,updated,deleted percentages (default: ${DEFAULT-VALUE})")
    EventMix mix;

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("--rate and --duration must be positive, --warmup not negative");
        }
        String runId = RunIds.next();
        long warmupMicros = warmup.toNanos() / 1_000;
        long durationMicros = duration.toNanos() / 1_000;
        // the ramp offers half the events the same time at the full rate would
        int events = (int) Math.max(1, Math.round(rate * (warmupMicros / 2 + durationMicros) / 1e6));
        GeneratedWorkload workload = GeneratedWorkload.generate(options.writers.spec(events, mix), runId);
        Report.Builder report = Report.builder(
                        "steady",
                        "Steady: " + rate + " events/s for " + duration.toSeconds() + " s after a " + warmup.toSeconds()
                                + " s ramp-up, " + workload.describe(),
                        runId)
                .setting("rate", rate)
                .setting("duration_s", duration.toSeconds())
                .setting("warmup_s", warmup.toSeconds())
                .setting("window_s", window.toMillis() / 1000.0)
                .setting("writers", options.writers.writers())
                .setting("mix", mix.toString());
        try (IngestTarget target = options.stack.openIngest(options.reports.directory(), runId);
                WriterRun run = WriterRun.ready(target, runId, options.stack.compression())) {
            long start = run.clock().nowMicros() + START_DELAY_MICROS;
            int[] lengths = Arrays.stream(workload.streams())
                    .mapToInt(EventStream::remaining)
                    .toArray();
            WriterRun.Result result = run.publishAndWait(
                    workload,
                    Pacing.rampedSpread(start, warmupMicros, durationMicros, lengths),
                    null,
                    options.stack.stallTimeout());
            RunFigures.add(report, result, target, options.stack.compression(), workload);
            long measuredFrom = start + warmupMicros;
            report.figure("offered_rate", "offered rate", rate, "events/s");
            LatencyRecorder measured =
                    EndToEnd.latencies(result.observations(), result.times(), measuredFrom, Long.MAX_VALUE);
            RunFigures.latency(report, measured, "end to end, after warm-up (from scheduled send)");
            report.latency(EndToEnd.latencies(result.observations(), result.times(), Long.MIN_VALUE, measuredFrom)
                    .summary("warm-up"));
            latencyOverTime(report, result, start);
        }
        return options.reports.emit(report.build());
    }

    private void latencyOverTime(Report.Builder report, WriterRun.Result result, long start) {
        int messages = result.observations().expected().messages();
        long[] sent = new long[messages];
        long[] latency = new long[messages];
        for (int m = 0; m < messages; m++) {
            if (result.observations().visible(m)) {
                sent[m] = result.times().sentMicros(m);
                latency[m] = result.observations().persistedMicros(m) - sent[m];
            }
        }
        report.chart(new Chart(
                "End-to-end latency per " + window.toMillis() / 1000.0 + " s window (warm-up included)",
                "seconds since the schedule started",
                "ms",
                Timelines.latencyPerWindow(sent, latency, start, window.toNanos() / 1_000),
                false));
    }
}
