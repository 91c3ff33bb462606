package io.grizz.load.commands;

import io.grizz.load.benchmark.DrainBenchmark;
import io.grizz.load.cli.MixConverter;
import io.grizz.load.cli.RunIds;
import io.grizz.load.cli.RunOptions;
import io.grizz.load.report.Chart;
import io.grizz.load.report.Report;
import io.grizz.load.stack.LocalServers;
import io.grizz.load.stack.StatementTimes;
import io.grizz.load.workload.EventMix;
import io.grizz.load.workload.GeneratedWorkload;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Pre-fills a topic, then times a fresh worker until everything is persisted: the pure throughput figure. */
@Command(
        name = "drain",
        mixinStandardHelpOptions = true,
        description = {
            "Fills a topic with N events, then starts the worker and times it until every message is "
                    + "persisted: the worker's pure throughput (local stack only).",
            "The rate is rows per second between the worker's first and last transaction (persisted_at); its "
                    + "start-up time, the wall time and its peak RSS are reported beside it."
        })
public final class DrainCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Option(
            names = {"-n", "--events"},
            defaultValue = "500000",
            description = "events in the topic (default: ${DEFAULT-VALUE})")
    int events;

    @Option(
            names = "--mix",
            defaultValue = "100,0,0",
            converter = MixConverter.class,
            description = "created,updated,deleted percentages (default: ${DEFAULT-VALUE}: one event, one row)")
    EventMix mix;

    @Option(
            names = "--announce",
            description = "set GRIZZ_PERSISTED_TOPIC (a topic of this run), so the worker "
                    + "announces every applied event, as the next stage would have it")
    boolean announce;

    @Override
    public Integer call() throws Exception {
        options.stack.requireLocal("drain");
        String runId = RunIds.next();
        GeneratedWorkload workload = GeneratedWorkload.generate(options.writers.spec(events, mix), runId);
        Report.Builder report = Report.builder("drain", "Drain: " + workload.describe(), runId)
                .setting("events", events)
                .setting("mix", mix.toString())
                .setting("partitions", options.stack.partitions())
                .setting("announcements", announce ? "on (GRIZZ_PERSISTED_TOPIC)" : "off");
        try (LocalServers servers = options.stack.startLocal()) {
            report.environment("stack", StackLine.of(servers.toString(), options.stack.compression(), workload));
            DrainBenchmark.Result result = DrainBenchmark.run(
                    servers,
                    workload,
                    options.stack.workerSettings(options.reports.directory()),
                    options.stack.partitions(),
                    runId,
                    options.stack.stallTimeout(),
                    announce,
                    options.stack.compression());
            add(report, result);
            report.chart(new Chart(
                    "Rows persisted per second",
                    "seconds since the worker process started",
                    "rows/s",
                    List.of(result.timeline()),
                    false));
            report.chart(new Chart(
                    "CPU cores used, by process",
                    "seconds since the worker process started",
                    "cores",
                    result.cpuTimeline(),
                    false));
        }
        return options.reports.emit(report.build());
    }

    /** The figures of one drain. */
    private static void add(Report.Builder report, DrainBenchmark.Result result) {
        report.figure("drain_rate", "drain rate (first to last transaction)", result.rowsPerSecond(), "rows/s")
                .figure("rows", "rows persisted", result.rows(), "rows")
                .figure("drain_time", "first to last transaction", result.drainSeconds(), "s")
                .figure("worker_startup", "worker start to first transaction", result.startupSeconds(), "s")
                .figure("wall_time", "worker start to all committed", result.wallSeconds(), "s")
                .figure(
                        "launch_to_done_rate",
                        "launch to done (worker start to all committed)",
                        result.launchToDoneRowsPerSecond(),
                        "rows/s")
                .figure("prefill_rate", "prefill produce rate", result.prefillPerSecond(), "events/s");
        WorkerFigures.add(report, result.workerMetrics(), result.peakRssBytes());
        CpuFigures.add(report, result.cpuCores(), "during the drain");
        CpuFigures.addPerRow(report, result.cpuCores(), result.rowsPerSecond(), "during the drain");
        if (!result.statements().isEmpty()) {
            report.table(StatementTimes.table(result.statements(), result.rows(), "the drain"));
        }
        report.verdict(result.verdict());
        if (result.workerExitCode() != 0) {
            report.failed("the worker exited with code " + result.workerExitCode() + " after SIGTERM");
        }
        if (result.note() != null) {
            report.note(result.note());
        }
    }
}
