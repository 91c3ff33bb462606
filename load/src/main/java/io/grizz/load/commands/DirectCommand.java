package io.grizz.load.commands;

import io.grizz.load.benchmark.DirectBenchmark;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The report's pattern: one single-row INSERT per transaction, a new connection each, through the pooler. */
@Command(
        name = "direct",
        mixinStandardHelpOptions = true,
        description = {
            "The pattern of the report this project comes from: C concurrent clients, one single-row INSERT "
                    + "per transaction, a new connection for each, through PgBouncer in session mode (DATABASE_URL "
                    + "against external servers)."
        })
public final class DirectCommand implements Callable<Integer> {

    static final String DATABASE = "grizz_direct";

    @Mixin
    RunOptions options;

    @Option(
            names = {"-n", "--events"},
            defaultValue = "20000",
            description = "rows (default: ${DEFAULT-VALUE})")
    int events;

    @Option(
            names = {"-c", "--clients"},
            defaultValue = "200",
            description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Override
    public Integer call() throws Exception {
        String runId = RunIds.next();
        MessageRows rows =
                new MessageRows(GeneratedWorkload.generate(options.writers.spec(events, EventMix.CREATED_ONLY), runId));
        Report.Builder report = Report.builder(
                        "direct",
                        "Direct: " + rows.count() + " single-row transactions from " + clients + " clients",
                        runId)
                .setting("rows", rows.count())
                .setting("clients", clients);
        try (Servers servers = options.stack.openServers()) {
            report.environment("stack", servers.description());
            if (!servers.hasPooler()) {
                report.note("PgBouncer is not installed: the clients connect straight to PostgreSQL");
            }
            Database schema = servers.migratedDatabase(DATABASE);
            add(report, run(schema, servers.throughPooler(DATABASE), rows, rows.count(), clients));
        }
        return options.reports.emit(report.build());
    }

    static DirectBenchmark.Result run(
            Database schema, Database clientsDatabase, MessageRows rows, int count, int clients) throws Exception {
        try (ProgressBar bar = ProgressBar.start("direct", Math.min(count, rows.count()))) {
            return DirectBenchmark.run(schema, clientsDatabase, rows, count, clients, bar);
        }
    }

    static void add(Report.Builder report, DirectBenchmark.Result result) {
        report.figure("direct_rate", "single-row transaction rate", result.rowsPerSecond(), "rows/s")
                .figure("rows", "rows inserted", result.rows(), "rows")
                .figure("failed", "failed inserts", result.failed(), "inserts")
                .figure("direct_time", "wall time", result.seconds(), "s");
        report.latency(result.latency());
        if (result.firstFailure() != null) {
            report.note("first failed insert: " + result.firstFailure());
        }
    }
}
