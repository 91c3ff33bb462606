package io.grizz.load.commands;

import io.grizz.load.cli.ReportOptions;
import io.grizz.load.cli.RunIds;
import io.grizz.load.cli.StackOptions;
import io.grizz.load.kafka.Pacing;
import io.grizz.load.report.Report;
import io.grizz.load.stack.IngestTarget;
import io.grizz.load.workload.ReplayWorkload;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Replays a JSON-lines file of v1 events with W writers, keeping each conversation's order. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replays a JSON-lines file of v1 events (one record value per line, as burst --record writes "
                    + "it) with W concurrent writers, keeping each conversation's order, "
                    + "then checks that every message is "
                    + "visible at the state docs/contract.md section 3 gives it.",
            "The values are sent unchanged, so latency is measured from the send time of each message's final write."
        })
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Mixin
    ReportOptions reports;

    @Parameters(paramLabel = "FILE", description = "the JSON-lines file")
    Path file;

    @Option(
            names = {"-w", "--writers"},
            defaultValue = "200",
            description = "concurrent writers (default: ${DEFAULT-VALUE})")
    int writers;

    @Override
    public Integer call() throws Exception {
        String runId = RunIds.next();
        ReplayWorkload workload = ReplayWorkload.read(file, writers);
        Report.Builder report = Report.builder("replay", "Replay: " + workload.describe(), runId)
                .setting("file", file.toAbsolutePath().toString())
                .setting("writers", writers);
        try (IngestTarget target = stack.openIngest(reports.directory(), runId);
                WriterRun run = WriterRun.ready(target, runId, stack.compression())) {
            WriterRun.Result result =
                    run.publishAndWait(workload, Pacing.asFastAsPossible(), null, stack.stallTimeout());
            RunFigures.add(report, result, target, stack.compression(), workload);
            RunFigures.latency(
                    report,
                    EndToEnd.latencies(result.observations(), result.times()),
                    "end to end (persisted_at - send time)");
        }
        return reports.emit(report.build());
    }
}
