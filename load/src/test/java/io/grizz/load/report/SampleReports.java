package io.grizz.load.report;

import io.grizz.load.measure.LatencySummary;
import io.grizz.load.measure.Series;
import io.grizz.load.oracle.Finding;
import io.grizz.load.oracle.Verdict;
import java.util.List;
import java.util.UUID;

/** A burst report with every part filled, for the report writers' tests. */
final class SampleReports {

    static final UUID LOST_MESSAGE = UUID.fromString("0b7a4a9e-3c1f-4f59-9a52-1f0e6c3d2b10");

    /** A stack line as a local stack without PgBouncer writes it. */
    static final String STACK = "local stack (Kafka 127.0.0.1:9092, PostgreSQL 15.20 from "
            + "/usr/lib/postgresql/15/bin; NO PGBOUNCER (not installed): the worker and direct connect straight to "
            + "PostgreSQL); events lz4-compressed, round-robin over conversations";

    private SampleReports() {}

    static Report burst(boolean passed) {
        Verdict verdict = passed
                ? new Verdict(7_000, 7_000, 0, 0, 0, List.of())
                : new Verdict(
                        7_000,
                        6_998,
                        1,
                        1,
                        0,
                        List.of(
                                new Finding(4_711, LOST_MESSAGE, 3, false, -1, -1),
                                new Finding(815, UUID.randomUUID(), 2, true, 1, 12)));
        return Report.builder("burst", "Burst: 10000 events <200 writers>", "20250101-120000-abcd")
                .environment("stack", STACK)
                .setting("events", 10_000)
                .setting("mix", "created=70,updated=25,deleted=5")
                .figure("produce_rate", "produce rate (acknowledged)", 41_234.5, "events/s")
                .figure("persisted_rate", "persisted rate", 38_765.4, "events/s")
                .latency(new LatencySummary("end to end", 7_000, 12.5, 48.25, 187.125, 241.0, 250.5, 20.0))
                .verdict(verdict)
                .chart(new Chart(
                        "Rows persisted per second",
                        "seconds since the first send",
                        "rows/s",
                        List.of(new Series(
                                "rows persisted",
                                List.of(new double[] {0, 0}, new double[] {0.5, 40_000}, new double[] {1.0, 36_000}))),
                        false))
                .chart(new Chart(
                        "Latency by percentile",
                        "percentile",
                        "ms",
                        List.of(new Series(
                                "end to end",
                                List.of(new double[] {0, 1}, new double[] {2, 187}, new double[] {3.8, 250}))),
                        true))
                .table(new Table(
                        "ceiling, direct and drain",
                        List.of("rows/s", "round 1", "median", "this / ceiling"),
                        List.of(
                                List.of("ceiling", "99,000", "99,000", "1.00 x"),
                                List.of("drain", "80,000", "80,000", "0.81 x"),
                                List.of("launch to done", "29,700", "29,700", "0.30 x"))))
                .note("a note with <markup> & \"quotes\"")
                .build();
    }
}
