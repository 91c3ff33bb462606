package io.grizz.load.commands;

import io.grizz.load.benchmark.DirectBenchmark;
import io.grizz.load.benchmark.DrainBenchmark;
import io.grizz.load.benchmark.MessageRows;
import io.grizz.load.cli.RunIds;
import io.grizz.load.cli.RunOptions;
import io.grizz.load.report.Chart;
import io.grizz.load.report.Numbers;
import io.grizz.load.report.Report;
import io.grizz.load.report.Table;
import io.grizz.load.stack.CpuSources;
import io.grizz.load.stack.LocalServers;
import io.grizz.load.stack.StatementTimes;
import io.grizz.load.stack.WorkerSettings;
import io.grizz.load.workload.EventMix;
import io.grizz.load.workload.GeneratedWorkload;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The headline: ceiling, direct and drain on the same data, several rounds, medians and ratios. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "The headline benchmark: ceiling, direct and drain on the same rows in one run, for several "
                    + "rounds; prints the rates of each round, their medians and the ratios drain/ceiling and "
                    + "drain/direct, and beside the drain its launch-to-done rate (worker start to all committed, "
                    + "start-up included) and its ratio to the ceiling (local stack only)."
        })
public final class CompareCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Option(
            names = {"-n", "--events"},
            defaultValue = "500000",
            description = "rows for ceiling and drain (default: ${DEFAULT-VALUE})")
    int events;

    @Option(
            names = "--direct-events",
            defaultValue = "20000",
            description = "rows for direct, the first of the same rows: at its rate the whole set would take minutes "
                    + "(default: ${DEFAULT-VALUE})")
    int directEvents;

    @Option(
            names = {"-c", "--clients"},
            defaultValue = "200",
            description = "direct's concurrent clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "rounds; the medians are reported (default: ${DEFAULT-VALUE})")
    int rounds;

    @Override
    public Integer call() throws Exception {
        options.stack.requireLocal("compare");
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        Inputs inputs = prepare();
        Report.Builder report = newReport(inputs);
        CompareRounds measured = new CompareRounds(rounds);
        try (LocalServers servers = options.stack.startLocal()) {
            describeStack(report, servers, inputs.workload());
            for (int r = 0; r < rounds; r++) {
                runRound(servers, inputs, report, measured, r);
            }
        }
        summarise(report, measured);
        addTablesAndChart(report, measured, inputs.workload());
        return options.reports.emit(report.build());
    }

    /** What every round runs on: the same rows, generated once, and the same worker settings. */
    private record Inputs(String runId, GeneratedWorkload workload, MessageRows rows, WorkerSettings worker) {}

    private Inputs prepare() {
        String runId = RunIds.next();
        GeneratedWorkload workload =
                GeneratedWorkload.generate(options.writers.spec(events, EventMix.CREATED_ONLY), runId);
        MessageRows rows = new MessageRows(workload);
        WorkerSettings worker = options.stack.workerSettings(options.reports.directory());
        return new Inputs(runId, workload, rows, worker);
    }

    private Report.Builder newReport(Inputs inputs) {
        MessageRows rows = inputs.rows();
        return Report.builder(
                        "compare",
                        "Compare: ceiling, direct and drain on " + rows.count() + " message rows, " + rounds
                                + " rounds",
                        inputs.runId())
                .setting("rows", rows.count())
                .setting("direct_rows", Math.min(directEvents, rows.count()))
                .setting("clients", clients)
                .setting("rounds", rounds)
                .setting("partitions", options.stack.partitions())
                .setting("worker_heap", inputs.worker().heap());
    }

    private void describeStack(Report.Builder report, LocalServers servers, GeneratedWorkload workload) {
        report.environment("stack", StackLine.of(servers.toString(), options.stack.compression(), workload));
        if (!servers.hasPooler()) {
            report.note("PgBouncer is not installed: direct connected straight to PostgreSQL (a backend forked per "
                    + "insert), so drain/direct is not the ratio against the report's pattern");
        }
    }

    /** Round {@code r + 1}: the ceiling, direct and the drain on the same rows, one after the other. */
    private void runRound(LocalServers servers, Inputs inputs, Report.Builder report, CompareRounds measured, int r)
            throws Exception {
        System.err.printf(Locale.ROOT, "round %d of %d%n", r + 1, rounds);
        measured.ceiling(
                r,
                CeilingCommand.run(
                        servers.migratedDatabase(CeilingCommand.DATABASE),
                        inputs.rows(),
                        servers.databaseCpuSeconds()));
        measured.direct(r, runDirect(servers, inputs.rows(), report, r + 1));
        DrainBenchmark.Result drain = runDrain(servers, inputs, r + 1);
        measured.drain(r, drain);
        if (!drain.statements().isEmpty()) {
            report.table(StatementTimes.table(drain.statements(), drain.rows(), "round " + (r + 1) + "'s drain"));
        }
        judge(report, drain, r + 1);
        printRound(measured, r);
    }

    private DirectBenchmark.Result runDirect(LocalServers servers, MessageRows rows, Report.Builder report, int round)
            throws Exception {
        DirectBenchmark.Result result = DirectCommand.run(
                servers.migratedDatabase(DirectCommand.DATABASE),
                servers.throughPooler(DirectCommand.DATABASE),
                rows,
                directEvents,
                clients);
        if (result.failed() > 0) {
            report.note("round " + round + ": " + result.failed() + " direct inserts failed, first: "
                    + result.firstFailure());
        }
        return result;
    }

    private DrainBenchmark.Result runDrain(LocalServers servers, Inputs inputs, int round)
            throws SQLException, InterruptedException {
        return DrainBenchmark.run(
                servers,
                inputs.workload(),
                inputs.worker(),
                options.stack.partitions(),
                inputs.runId() + "-r" + round,
                options.stack.stallTimeout(),
                false,
                options.stack.compression());
    }

    private static void printRound(CompareRounds measured, int r) {
        System.err.printf(
                Locale.ROOT,
                "round %d: ceiling %s, direct %s, drain %s, launch to done %s rows/s%n",
                r + 1,
                Numbers.format(measured.ceiling[r]),
                Numbers.format(measured.direct[r]),
                Numbers.format(measured.drain[r]),
                Numbers.format(measured.launchToDone[r]));
    }

    /** The headline figures: each rate's median and the ratios between them, CPU per row, the worker's peak RSS. */
    private static void summarise(Report.Builder report, CompareRounds measured) {
        addRateFigures(report, measured);
        addCpuPerRowFigures(report, measured);
        if (measured.peakRss >= 0) {
            report.figure(
                    "worker_peak_rss",
                    "worker peak RSS, highest round (VmHWM)",
                    measured.peakRss / (1024.0 * 1024.0),
                    "MiB");
        }
    }

    private static void addRateFigures(Report.Builder report, CompareRounds measured) {
        double ceilingMedian = median(measured.ceiling);
        double directMedian = median(measured.direct);
        double drainMedian = median(measured.drain);
        double launchToDoneMedian = median(measured.launchToDone);
        report.figure("ceiling_rate", "ceiling: COPY, one stream (median)", ceilingMedian, "rows/s")
                .figure("direct_rate", "direct: 1 row per transaction (median)", directMedian, "rows/s")
                .figure("drain_rate", "drain: the worker (median)", drainMedian, "rows/s")
                .figure(
                        "launch_to_done_rate",
                        "launch to done, start-up included (median)",
                        launchToDoneMedian,
                        "rows/s")
                .figure("worker_startup", "worker start to first transaction (median)", median(measured.startup), "s")
                .figure("drain_vs_ceiling", "drain / ceiling", drainMedian / ceilingMedian, "x")
                .figure(
                        "launch_to_done_vs_ceiling",
                        "launch to done / ceiling",
                        launchToDoneMedian / ceilingMedian,
                        "x")
                .figure("drain_vs_direct", "drain / direct", drainMedian / directMedian, "x");
    }

    /** PostgreSQL's CPU per row, the drain's against the ceiling's {@code COPY}, where the ceiling measured it. */
    private static void addCpuPerRowFigures(Report.Builder report, CompareRounds measured) {
        double copyMicros = median(measured.copyDatabaseMicros);
        if (Double.isNaN(copyMicros)) {
            return;
        }
        double[] drain = measured.drain;
        List<Map<String, Double>> cpu = measured.cpu;
        double drainMicros = median(IntStream.range(0, drain.length)
                .mapToDouble(r -> CpuFigures.perRow(cpu.get(r).getOrDefault(CpuSources.POSTGRESQL, 0.0), drain[r]))
                .toArray());
        report.figure("cpu_per_row_postgresql_copy", "PostgreSQL CPU per row: COPY (ceiling, median)", copyMicros, "µs")
                .figure("cpu_per_row_postgresql", "PostgreSQL CPU per row: drain (median)", drainMicros, "µs")
                .figure(
                        "postgresql_cpu_vs_copy",
                        "PostgreSQL CPU per row: drain / COPY",
                        drainMicros / copyMicros,
                        "x");
    }

    /** The rounds side by side (rates, cores, CPU per row), the drain's timeline and what the ceiling leaves out. */
    private static void addTablesAndChart(Report.Builder report, CompareRounds measured, GeneratedWorkload workload) {
        report.table(table(measured.ceiling, measured.direct, measured.drain, measured.launchToDone));
        report.table(cpuTable(measured.cpu));
        report.table(cpuPerRowTable(measured.cpu, measured.drain, measured.copyDatabaseMicros));
        report.chart(new Chart(
                "Drain: rows persisted per second, per round",
                "seconds since the worker process started",
                "rows/s",
                measured.timelines,
                false));
        report.note("ceiling copies message rows only; the worker also upserts the row of each conversation a batch "
                + "touches (" + workload.spec().messagesPerConversation() + " messages per conversation, "
                + workload.order() + ") and checks the foreign key");
    }

    /** A round whose drain lost or staled anything fails the whole comparison: a fast wrong worker is no result. */
    private static void judge(Report.Builder report, DrainBenchmark.Result result, int round) {
        report.verdict(result.verdict());
        if (!result.verdict().passed()) {
            report.note("round " + round + ": " + result.verdict().lost() + " lost, "
                    + result.verdict().stale() + " stale, " + result.verdict().mismatched() + " mismatched");
        }
        if (result.workerExitCode() != 0) {
            report.failed("round " + round + ": the worker exited with code " + result.workerExitCode());
        }
        if (result.note() != null) {
            report.note("round " + round + ": " + result.note());
        }
    }

    /**
     * Each rate per round and its median, how the drain compares to each ({@code drain / this}) and how each compares
     * to the ceiling ({@code this / ceiling}); launch-to-done is the drain with the worker's start-up counted.
     */
    static Table table(double[] ceiling, double[] direct, double[] drain, double[] launchToDone) {
        List<String> header = new ArrayList<>(List.of("rows/s"));
        for (int r = 1; r <= ceiling.length; r++) {
            header.add("round " + r);
        }
        header.addAll(List.of("median", "drain / this", "this / ceiling"));
        double drainMedian = median(drain);
        double ceilingMedian = median(ceiling);
        List<List<String>> rows = List.of(
                row("ceiling: COPY, 1 stream", ceiling, drainMedian, ceilingMedian),
                row("direct: 1 row/txn, new connection, pooler", direct, drainMedian, ceilingMedian),
                row("drain: the worker, first to last transaction", drain, drainMedian, ceilingMedian),
                row("launch to done: worker start to all committed", launchToDone, drainMedian, ceilingMedian));
        return new Table("ceiling, direct and drain on the same rows", header, rows);
    }

    /**
     * CPU time per row of each process during the drain, per round: steadier than rates on a shared machine. The
     * last row is PostgreSQL's during the ceiling's {@code COPY} of the same rows, the cost the drain's is held
     * against.
     */
    static Table cpuPerRowTable(List<Map<String, Double>> rounds, double[] drain, double[] copyDatabaseMicros) {
        List<Map<String, Double>> perRow = new ArrayList<>();
        for (int r = 0; r < rounds.size(); r++) {
            double rate = drain[r];
            Map<String, Double> round = new LinkedHashMap<>();
            rounds.get(r).forEach((process, cores) -> round.put(process, CpuFigures.perRow(cores, rate)));
            if (!Double.isNaN(copyDatabaseMicros[r])) {
                round.put(CpuSources.POSTGRESQL + " during COPY (ceiling)", copyDatabaseMicros[r]);
            }
            perRow.add(round);
        }
        Table table = processTable(perRow, "µs of CPU per row", "%.1f");
        return new Table("CPU per row: µs each process used per row drained", table.header(), table.rows());
    }

    /** Where the cores went while the worker drained: one row per process, one column per round. */
    static Table cpuTable(List<Map<String, Double>> rounds) {
        Table table = processTable(rounds, "cores during the drain", "%.2f");
        return new Table(
                "CPU: average cores each process used between the drain's first and last transaction",
                table.header(),
                table.rows());
    }

    /** One row per process, one column per round, then the median. */
    private static Table processTable(List<Map<String, Double>> rounds, String what, String format) {
        List<String> header = new ArrayList<>(List.of(what));
        for (int r = 1; r <= rounds.size(); r++) {
            header.add("round " + r);
        }
        header.add("median");
        Set<String> processes = new LinkedHashSet<>();
        rounds.forEach(round -> processes.addAll(round.keySet()));
        List<List<String>> rows = new ArrayList<>();
        for (String process : processes) {
            double[] cores = rounds.stream()
                    .mapToDouble(round -> round.getOrDefault(process, 0.0))
                    .toArray();
            List<String> row = new ArrayList<>(List.of(process));
            for (double c : cores) {
                row.add(String.format(Locale.ROOT, format, c));
            }
            row.add(String.format(Locale.ROOT, format, median(cores)));
            rows.add(row);
        }
        return new Table(what, header, rows);
    }

    private static List<String> row(String name, double[] rates, double drainMedian, double ceilingMedian) {
        List<String> row = new ArrayList<>(List.of(name));
        for (double rate : rates) {
            row.add(Numbers.format(rate));
        }
        double median = median(rates);
        row.add(Numbers.format(median));
        row.add(String.format(Locale.ROOT, "%.2f x", drainMedian / median));
        row.add(String.format(Locale.ROOT, "%.2f x", median / ceilingMedian));
        return row;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
