package io.grizz.load.commands;

import io.grizz.load.kafka.Compression;
import io.grizz.load.measure.LatencyRecorder;
import io.grizz.load.measure.Series;
import io.grizz.load.measure.Timelines;
import io.grizz.load.report.Chart;
import io.grizz.load.report.Report;
import io.grizz.load.stack.IngestTarget;
import io.grizz.load.stack.WorkerMetrics;
import io.grizz.load.workload.Workload;
import java.util.List;

/** The figures burst, replay and steady report alike: rates, the oracle's verdict, the worker's own figures. */
final class RunFigures {

    private RunFigures() {}

    /**
     * Adds the stack, rates, verdict, persisted-rate chart and notes; returns the epoch microseconds of the last
     * persist.
     */
    static long add(
            Report.Builder report,
            WriterRun.Result run,
            IngestTarget target,
            Compression compression,
            Workload workload) {
        target.description().forEach(report::environment);
        report.environment("stack", StackLine.of(target.description().get("stack"), compression, workload));
        long firstSend = run.published().firstSendMicros();
        long[] persisted = EndToEnd.persistedMicros(run.observations());
        long lastPersisted = EndToEnd.latest(persisted);
        double seconds = Math.max(1e-6, (lastPersisted - firstSend) / 1e6);
        int events = (int) run.published().sent();
        report.figure("events", "events published", events, "events")
                .figure(
                        "produce_rate",
                        "produce rate (acknowledged)",
                        run.published().ratePerSecond(),
                        "events/s")
                .figure(
                        "persisted_rate",
                        "persisted rate (first send to last persist)",
                        lastPersisted > 0 ? events / seconds : 0,
                        "events/s")
                .figure("time_to_persisted", "first send to last persist", lastPersisted > 0 ? seconds : 0, "s");
        report.verdict(run.outcome().verdict());
        report.chart(new Chart(
                "Rows persisted per second",
                "seconds since the first send",
                "rows/s",
                List.of(Timelines.ratePerSecond(
                        "rows persisted",
                        persisted,
                        firstSend,
                        Timelines.bucketMicros(Math.max(1, lastPersisted - firstSend)))),
                false));
        if (target.worker() != null) {
            WorkerFigures.add(
                    report,
                    WorkerMetrics.scrape(target.worker().prometheusUrl()),
                    target.worker().peakRssBytes().orElse(-1));
        }
        if (run.cpu() != null && lastPersisted > 0) {
            CpuFigures.add(report, run.cpu().coresBetween(firstSend, lastPersisted), "from first send to last persist");
            report.chart(new Chart(
                    "CPU cores used, by process",
                    "seconds since the first send",
                    "cores",
                    run.cpu().coresOverTime(firstSend),
                    false));
        }
        if (run.published().failed()) {
            report.failed("publishing failed: " + run.published().failure());
        }
        if (run.outcome().note() != null) {
            report.note(run.outcome().note());
        }
        return lastPersisted;
    }

    /** Adds a latency summary and its percentile spectrum, with a note if clocks disagreed. */
    static void latency(Report.Builder report, LatencyRecorder latency, String name) {
        report.latency(latency.summary(name));
        report.chart(new Chart(
                "Latency by percentile: " + name,
                "percentile",
                "ms",
                List.of(new Series(name, latency.spectrum())),
                true));
        if (latency.negative() > 0) {
            report.note(latency.negative() + " latencies came out negative and count as 0: the database's clock is "
                    + "behind the harness's");
        }
    }
}
