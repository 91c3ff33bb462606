package io.grizz.load.commands;

import io.grizz.load.benchmark.CeilingBenchmark;
import io.grizz.load.benchmark.MessageRows;
import io.grizz.load.cli.RunIds;
import io.grizz.load.cli.RunOptions;
import io.grizz.load.measure.ProgressBar;
import io.grizz.load.report.Report;
import io.grizz.load.stack.Database;
import io.grizz.load.stack.Servers;
import io.grizz.load.workload.EventMix;
import io.grizz.load.workload.GeneratedWorkload;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** PostgreSQL's own limit: COPY of the workload's rows into a table shaped like messages. */
@Command(
        name = "ceiling",
        mixinStandardHelpOptions = true,
        description = {
            "PostgreSQL's own limit on this machine: COPY of N message rows, one stream, one transaction, "
                    + "into a scratch table of the same shape as messages (indexes included, durable commit)."
        })
public final class CeilingCommand implements Callable<Integer> {

    static final String DATABASE = "grizz_ceiling";

    @Mixin
    RunOptions options;

    @Option(
            names = {"-n", "--events"},
            defaultValue = "500000",
            description = "rows (default: ${DEFAULT-VALUE})")
    int events;

    @Override
    public Integer call() throws Exception {
        String runId = RunIds.next();
        MessageRows rows =
                new MessageRows(GeneratedWorkload.generate(options.writers.spec(events, EventMix.CREATED_ONLY), runId));
        Report.Builder report = Report.builder("ceiling", "Ceiling: COPY of " + rows.count() + " message rows", runId)
                .setting("rows", rows.count());
        try (Servers servers = options.stack.openServers()) {
            report.environment("stack", servers.description());
            add(report, run(servers.migratedDatabase(DATABASE), rows, servers.databaseCpuSeconds()));
        }
        return options.reports.emit(report.build());
    }

    static CeilingBenchmark.Result run(Database database, MessageRows rows, DoubleSupplier databaseCpuSeconds)
            throws Exception {
        try (ProgressBar bar = ProgressBar.start("COPY", rows.count())) {
            return CeilingBenchmark.run(database, rows, bar, databaseCpuSeconds);
        }
    }

    static void add(Report.Builder report, CeilingBenchmark.Result result) {
        report.figure("ceiling_rate", "COPY rate", result.rowsPerSecond(), "rows/s")
                .figure("rows", "rows copied", result.rows(), "rows")
                .figure("copy_time", "COPY to commit", result.seconds(), "s");
        if (!Double.isNaN(result.databaseCpuSeconds())) {
            report.figure(
                    "cpu_per_row_postgresql", "PostgreSQL CPU per row copied", result.databaseMicrosPerRow(), "µs");
        }
    }
}
