package io.grizz.load.commands;

import io.grizz.compose.process.StartupArchive;
import io.grizz.load.benchmark.DrainBenchmark;
import io.grizz.load.cli.RunIds;
import io.grizz.load.cli.RunOptions;
import io.grizz.load.report.Report;
import io.grizz.load.stack.LocalServers;
import io.grizz.load.stack.WorkerSettings;
import io.grizz.load.workload.EventMix;
import io.grizz.load.workload.GeneratedWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains the worker's AOT cache on a JDK 25 or newer: a drain of creations, updates and deletions, announced, with
 * the worker started with {@code -XX:AOTCacheOutput}. The JVM writes the cache when the worker exits on SIGTERM, so
 * it holds what a real run loads and links and the method profiles of its poll, decode, write and announce paths
 * (a training run that exits once the context is refreshed never reaches them). Dev mode, the harness and the tests
 * then start the worker from it whenever the JDK that runs them is 25 or newer ({@link StartupArchive}).
 */
@Command(
        name = "aot-cache",
        mixinStandardHelpOptions = true,
        description = {
            "Trains the worker's AOT cache (JDK 25 or newer, run this command with it): a drain of N created, "
                    + "updated and deleted events, announced, by a worker started with -XX:AOTCacheOutput, which "
                    + "writes worker/target/grizz-worker-cds/grizz-worker.aot when it exits (local stack only).",
            "Dev mode, the harness and the tests then start the worker from it whenever they run on that JDK."
        })
public final class AotCacheCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    // the default mix: creations, updates and deletions, so every path of the fold and the write gets profiled
    @Option(
            names = {"-n", "--events"},
            defaultValue = "30000",
            description = "events of the training drain (default: ${DEFAULT-VALUE}: enough batches for the JIT "
                    + "to compile the hot paths)")
    int events;

    @Override
    public Integer call() throws Exception {
        options.stack.requireLocal("aot-cache");
        int javaFeature = Runtime.version().feature();
        if (javaFeature < StartupArchive.AOT_CACHE_SINCE) {
            System.err.println("aot-cache: this is Java " + javaFeature + "; an AOT cache needs Java "
                    + StartupArchive.AOT_CACHE_SINCE + " or newer: run this command with that JDK's java");
            return 2;
        }
        String runId = RunIds.next();
        WorkerSettings worker = options.stack.workerSettings(options.reports.directory());
        Path cache = StartupArchive.aotCacheFor(worker.jar());
        Files.deleteIfExists(cache); // a stale cache must not outlive a failed training
        List<String> javaOptions = new ArrayList<>(worker.javaOptions());
        javaOptions.add("-XX:AOTCacheOutput=" + cache);
        WorkerSettings training = new WorkerSettings(
                worker.jar(), worker.heap(), javaOptions, worker.ingestConcurrency(), worker.logDirectory());
        GeneratedWorkload workload = GeneratedWorkload.generate(options.writers.spec(events, EventMix.DEFAULT), runId);
        Report.Builder report = Report.builder("aot-cache", "AOT cache training: " + workload.describe(), runId)
                .setting("events", events)
                .setting("mix", EventMix.DEFAULT.toString())
                .setting("aot_cache", cache.toString());
        try (LocalServers servers = options.stack.startLocal()) {
            report.environment("stack", StackLine.of(servers.toString(), options.stack.compression(), workload));
            DrainBenchmark.Result result = DrainBenchmark.run(
                    servers,
                    workload,
                    training,
                    options.stack.partitions(),
                    runId,
                    options.stack.stallTimeout(),
                    true,
                    options.stack.compression());
            report.figure("rows", "rows persisted", result.rows(), "rows")
                    .figure("worker_startup", "worker start to first transaction", result.startupSeconds(), "s")
                    .verdict(result.verdict());
            if (result.workerExitCode() != 0) {
                report.failed("the worker exited with code " + result.workerExitCode() + " after SIGTERM");
            }
        }
        if (!Files.isRegularFile(cache)) {
            report.failed("the worker exited without writing " + cache + " (see its log in "
                    + options.reports.directory() + ")");
        } else {
            report.figure("aot_cache_size", "AOT cache size", Files.size(cache) / (1024.0 * 1024.0), "MiB");
        }
        return options.reports.emit(report.build());
    }
}
