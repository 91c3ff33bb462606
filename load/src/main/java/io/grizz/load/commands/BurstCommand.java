package io.grizz.load.commands;

import io.grizz.load.cli.MixConverter;
import io.grizz.load.cli.RunIds;
import io.grizz.load.cli.RunOptions;
import io.grizz.load.kafka.Pacing;
import io.grizz.load.report.Report;
import io.grizz.load.stack.IngestTarget;
import io.grizz.load.workload.EventMix;
import io.grizz.load.workload.EventRecorder;
import io.grizz.load.workload.GeneratedWorkload;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** W writers publish N events as fast as they are acknowledged; then every one must be visible in PostgreSQL. */
@Command(
        name = "burst",
        mixinStandardHelpOptions = true,
        description = {
            "W concurrent writers publish N events as fast as each is acknowledged, then wait until every "
                    + "message is visible in PostgreSQL at its final revision.",
            "Reports produce and persisted rates, end-to-end latency (persisted_at - occurred_at) and the oracle's "
                    + "lost and stale counts; exits 1 if anything is lost or stale."
        })
public final class BurstCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Option(
            names = {"-n", "--events"},
            defaultValue = "10000",
            description = "events in all (default: ${DEFAULT-VALUE} = 200 writers x 50)")
    int events;

    @Option(
            names = "--mix",
            defaultValue = "70,25,5",
            converter = MixConverter.class,
            description = "created,updated,deleted percentages (default: ${DEFAULT-VALUE})")
    EventMix mix;

    @Option(names = "--record", description = "also write the events as JSON lines to FILE, for replay")
    Path record;

    @Option(
            names = "--warmup-events",
            defaultValue = "50000",
            description = "events of an untimed burst first, so that the JVMs' just-in-time compilers (the harness's, "
                    + "the broker's, the worker's) have compiled the path, as in a stack that has been running; "
                    + "0 measures a cold start (default: ${DEFAULT-VALUE})")
    int warmupEvents;

    @Override
    public Integer call() throws Exception {
        String runId = RunIds.next();
        GeneratedWorkload workload = GeneratedWorkload.generate(options.writers.spec(events, mix), runId);
        Report.Builder report = Report.builder("burst", "Burst: " + workload.describe(), runId)
                .setting("events", events)
                .setting("writers", options.writers.writers())
                .setting("mix", mix.toString())
                .setting("warmup_events", warmupEvents)
                .setting("record", record == null ? null : record.toString());
        try (IngestTarget target = options.stack.openIngest(options.reports.directory(), runId);
                WriterRun run = WriterRun.ready(target, runId, options.stack.compression());
                EventRecorder recorder = record == null ? null : EventRecorder.create(record)) {
            if (warmupEvents > 0) {
                warmUp(run, report, runId);
            }
            WriterRun.Result result =
                    run.publishAndWait(workload, Pacing.asFastAsPossible(), recorder, options.stack.stallTimeout());
            RunFigures.add(report, result, target, options.stack.compression(), workload);
            RunFigures.latency(
                    report,
                    EndToEnd.latencies(result.observations(), result.times()),
                    "end to end (persisted_at - occurred_at)");
            if (recorder != null) {
                report.note("events recorded to " + recorder.file().toAbsolutePath());
            }
        }
        return options.reports.emit(report.build());
    }

    /** The same kind of burst, judged by the oracle too (a loss is a loss) but not timed. */
    private void warmUp(WriterRun run, Report.Builder report, String runId) throws Exception {
        GeneratedWorkload warmup =
                GeneratedWorkload.generate(options.writers.spec(warmupEvents, mix), runId + "-warmup");
        WriterRun.Result result =
                run.publishAndWait(warmup, Pacing.asFastAsPossible(), null, options.stack.stallTimeout());
        if (!result.outcome().verdict().passed() || result.published().failed()) {
            report.failed("the warm-up burst did not pass: "
                    + result.outcome().verdict().lost() + " lost, "
                    + result.outcome().verdict().stale() + " stale"
                    + (result.published().failed() ? ", " + result.published().failure() : ""));
        }
    }
}
