package io.grizz.load.report;

import io.grizz.load.measure.LatencySummary;
import io.grizz.load.oracle.Finding;
import io.grizz.load.oracle.Verdict;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The report as text on stdout: what a person running the harness reads first. */
public final class ConsoleReport {

    private ConsoleReport() {}

    public static void print(Report report, PrintStream out) {
        out.println();
        out.println("== " + report.title() + " (run " + report.runId() + ") ==");
        if (report.stack() != null) {
            out.println("  stack: " + report.stack());
        }
        for (Figure figure : report.figures()) {
            out.printf(Locale.ROOT, "  %-46s %14s %s%n", figure.label(), Numbers.format(figure.value()), figure.unit());
        }
        if (!report.latencies().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "%n  %-46s %9s %9s %9s %9s %9s %9s%n",
                    "latency (ms)",
                    "count",
                    "p50",
                    "p90",
                    "p99",
                    "p99.9",
                    "max");
            for (LatencySummary l : report.latencies()) {
                out.printf(
                        Locale.ROOT,
                        "  %-46s %9d %9s %9s %9s %9s %9s%n",
                        l.name(),
                        l.count(),
                        Numbers.format(l.p50Ms()),
                        Numbers.format(l.p90Ms()),
                        Numbers.format(l.p99Ms()),
                        Numbers.format(l.p999Ms()),
                        Numbers.format(l.maxMs()));
            }
        }
        verdict(report.verdict(), out);
        for (Table table : report.tables()) {
            table(table, out);
        }
        for (String note : report.notes()) {
            out.println("  note: " + note);
        }
        out.println(report.passed() ? "  PASSED" : "  FAILED");
    }

    private static void verdict(Verdict verdict, PrintStream out) {
        if (verdict == null) {
            return;
        }
        out.printf(
                Locale.ROOT,
                "%n  oracle: %,d messages, %,d visible at their final write, %d lost, %d stale, %d mismatched%n",
                verdict.messages(),
                verdict.visible(),
                verdict.lost(),
                verdict.stale(),
                verdict.mismatched());
        for (Finding f : verdict.samples()) {
            out.printf(
                    Locale.ROOT,
                    "    seq %d (message %s, revision %d%s): %s%n",
                    f.seq(),
                    f.messageId(),
                    f.expectedRevision(),
                    f.expectedDeleted() ? ", delete" : "",
                    f.visibleRevision() < 0
                            ? "missing"
                            : "visible at revision " + f.visibleRevision()
                                    + (f.visibleSeq() < 0 ? "" : " (seq " + f.visibleSeq() + ")"));
        }
    }

    /** Columns as wide as their widest cell; the first left-aligned, numbers right-aligned. */
    static void table(Table table, PrintStream out) {
        int columns = table.header().size();
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = table.header().get(c).length();
            for (List<String> row : table.rows()) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println();
        out.println("  " + table.title());
        out.println("  " + line(table.header(), widths));
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append("-".repeat(width)).append("  ");
        }
        out.println("  " + rule.toString().stripTrailing());
        table.rows().forEach(row -> out.println("  " + line(row, widths)));
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String format = c == 0 ? "%-" + widths[c] + "s  " : "%" + widths[c] + "s  ";
            line.append(String.format(Locale.ROOT, format, cells.get(c)));
        }
        return line.toString().stripTrailing();
    }
}
