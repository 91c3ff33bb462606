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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains the worker's start-up archive on a real drain of creations, updates and deletions, announced: on a JDK 25 or
 * newer its AOT cache ({@code -XX:AOTCacheOutput}), on an older one its CDS archive ({@code -XX:ArchiveClassesAtExit}),
 * in place of the one the build trained. The JVM writes it when the worker exits on SIGTERM, so it holds what a real
 * run loads — the pool's, Flyway's, the consumer's and the write path's classes, about 2,200 that the build's training
 * run, which exits once the context is refreshed, never reaches — and, in an AOT cache, their links and the method
 * profiles of the poll, decode, write and announce paths. Dev mode, the harness and the tests then start the worker
 * from it whenever the JDK that runs them is the one that trained it ({@link StartupArchive}).
 */
@Command(
        name = "aot-cache",
        mixinStandardHelpOptions = true,
        description = {
            "Trains the worker's start-up archive on a real drain (local stack only): N created, updated and "
                    + "deleted events, announced, by a worker that writes the archive when it exits. Run it with the "
                    + "java the worker will run on: on JDK 25 or newer it writes the AOT cache "
                    + "(-XX:AOTCacheOutput, worker/target/grizz-worker-cds/grizz-worker.aot), on an older JDK the "
                    + "CDS archive (-XX:ArchiveClassesAtExit, grizz-worker.jsa, replacing the build's).",
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
        boolean aotCache = Runtime.version().feature() >= StartupArchive.AOT_CACHE_SINCE;
        String runId = RunIds.next();
        WorkerSettings worker = options.stack.workerSettings(options.reports.directory());
        Path archive = aotCache ? StartupArchive.aotCacheFor(worker.jar()) : StartupArchive.archiveFor(worker.jar());
        // a stale AOT cache must not outlive a failed training; the build's CDS archive stays until a new one is whole
        Path written = aotCache ? archive : archive.resolveSibling(archive.getFileName() + ".training");
        Files.deleteIfExists(written);
        List<String> javaOptions = new ArrayList<>(worker.javaOptions());
        javaOptions.add((aotCache ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + written);
        WorkerSettings training = new WorkerSettings(
                worker.jar(), worker.heap(), javaOptions, worker.ingestConcurrency(), worker.logDirectory());
        GeneratedWorkload workload = GeneratedWorkload.generate(options.writers.spec(events, EventMix.DEFAULT), runId);
        String kind = aotCache ? "AOT cache" : "CDS archive";
        Report.Builder report = Report.builder("aot-cache", kind + " training: " + workload.describe(), runId)
                .setting("events", events)
                .setting("mix", EventMix.DEFAULT.toString())
                .setting("archive", archive.toString());
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
        if (!Files.isRegularFile(written)) {
            report.failed("the worker exited without writing " + written + " (see its log in "
                    + options.reports.directory() + ")");
        } else {
            if (!written.equals(archive)) {
                Files.move(written, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            report.figure("archive_size", kind + " size", Files.size(archive) / (1024.0 * 1024.0), "MiB");
        }
        return options.reports.emit(report.build());
    }
}
