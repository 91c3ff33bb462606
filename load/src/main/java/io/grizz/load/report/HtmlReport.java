package io.grizz.load.report;

import io.grizz.load.measure.LatencySummary;
import io.grizz.load.oracle.Finding;
import io.grizz.load.oracle.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page a user opens in a browser: figures, latency percentiles, the oracle's
 * verdict, charts as inline SVG, the environment. No script, stylesheet or font is fetched from anywhere.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;
            margin:2em auto;max-width:860px;color:#222}
            h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}
            .meta{color:#666}.stack{font-family:ui-monospace,monospace;font-size:.9em;background:#f6f6f6;padding:.4em}
            .verdict{display:inline-block;padding:.2em .8em;border-radius:4px;font-weight:600;color:#fff}
            .pass{background:#2a8a3a}.fail{background:#c0392b}
            table{border-collapse:collapse;margin:.5em 0}
            td,th{padding:.25em .8em;border-bottom:1px solid #eee;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            svg .grid{stroke:#e5e5e5}svg .tick{font-size:11px;fill:#555}svg .axis{font-size:12px;fill:#333}
            svg .legend{font-size:12px;fill:#333}.empty{color:#999}
            """;

    private HtmlReport() {}

    public static void write(Report report, Path file) {
        try {
            Files.writeString(file, render(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static String render(Report report) {
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape("grizz-load " + report.command() + " " + report.runId()))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>");
        html.append("<h1>").append(escape(report.title())).append("</h1>");
        html.append("<p class=\"meta\">grizz-load ")
                .append(escape(report.command()))
                .append(" · run ")
                .append(escape(report.runId()))
                .append(" · ")
                .append(escape(report.startedAt().toString()))
                .append(" · ")
                .append(seconds(Duration.between(report.startedAt(), report.finishedAt())))
                .append("</p>");
        if (report.stack() != null) {
            html.append("<p class=\"stack\">stack: ")
                    .append(escape(report.stack()))
                    .append("</p>");
        }
        html.append("<p><span class=\"verdict ")
                .append(report.passed() ? "pass\">PASSED" : "fail\">FAILED")
                .append("</span></p>");
        figures(html, report);
        latencies(html, report.latencies());
        verdict(html, report.verdict());
        for (Chart chart : report.charts()) {
            html.append("<h2>").append(escape(chart.title())).append("</h2>").append(SvgChart.render(chart));
        }
        for (Table table : report.tables()) {
            table(html, table);
        }
        if (!report.notes().isEmpty()) {
            html.append("<h2>Notes</h2><ul>");
            report.notes()
                    .forEach(note -> html.append("<li>").append(escape(note)).append("</li>"));
            html.append("</ul>");
        }
        keyValues(html, "Environment", report.environment());
        keyValues(html, "Settings", report.settings());
        return html.append("</body></html>\n").toString();
    }

    private static void figures(StringBuilder html, Report report) {
        html.append("<h2>Figures</h2><table>");
        for (Figure figure : report.figures()) {
            html.append("<tr><th>")
                    .append(escape(figure.label()))
                    .append("</th><td class=\"n\">")
                    .append(escape(Numbers.format(figure.value())))
                    .append("</td><td>")
                    .append(escape(figure.unit()))
                    .append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void latencies(StringBuilder html, List<LatencySummary> latencies) {
        if (latencies.isEmpty()) {
            return;
        }
        html.append("<h2>Latency (ms)</h2><table><tr><th></th><th>count</th><th>p50</th><th>p90</th><th>p99</th>"
                + "<th>p99.9</th><th>max</th><th>mean</th></tr>");
        for (LatencySummary l : latencies) {
            html.append("<tr><th>").append(escape(l.name())).append("</th>");
            for (double value :
                    new double[] {l.count(), l.p50Ms(), l.p90Ms(), l.p99Ms(), l.p999Ms(), l.maxMs(), l.meanMs()}) {
                html.append("<td class=\"n\">")
                        .append(escape(Numbers.format(value)))
                        .append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
    }

    private static void verdict(StringBuilder html, Verdict verdict) {
        if (verdict == null) {
            return;
        }
        html.append("<h2>Oracle: nothing lost, nothing stale</h2><table>");
        row(html, "messages", verdict.messages());
        row(html, "visible at their final write", verdict.visible());
        row(html, "lost", verdict.lost());
        row(html, "stale", verdict.stale());
        row(html, "mismatched", verdict.mismatched());
        html.append("</table>");
        if (!verdict.samples().isEmpty()) {
            html.append("<table><tr><th>seq</th><th>message</th><th>expected revision</th><th>visible revision</th>"
                    + "<th>visible seq</th></tr>");
            for (Finding f : verdict.samples()) {
                html.append("<tr><td class=\"n\">")
                        .append(f.seq())
                        .append("</td><td>")
                        .append(f.messageId())
                        .append("</td><td class=\"n\">")
                        .append(f.expectedRevision())
                        .append(f.expectedDeleted() ? " (delete)" : "")
                        .append("</td><td class=\"n\">")
                        .append(f.visibleRevision() < 0 ? "none" : f.visibleRevision())
                        .append("</td><td class=\"n\">")
                        .append(f.visibleSeq() < 0 ? "" : f.visibleSeq())
                        .append("</td></tr>");
            }
            html.append("</table>");
        }
    }

    private static void row(StringBuilder html, String label, long value) {
        html.append("<tr><th>")
                .append(escape(label))
                .append("</th><td class=\"n\">")
                .append(String.format(Locale.ROOT, "%,d", value))
                .append("</td></tr>");
    }

    private static void table(StringBuilder html, Table table) {
        html.append("<h2>").append(escape(table.title())).append("</h2><table><tr>");
        table.header().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>");
        for (List<String> row : table.rows()) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                html.append(i == 0 ? "<th>" : "<td class=\"n\">")
                        .append(escape(row.get(i)))
                        .append(i == 0 ? "</th>" : "</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
    }

    private static void keyValues(StringBuilder html, String title, Map<String, ?> values) {
        html.append("<h2>").append(escape(title)).append("</h2><table>");
        values.forEach((key, value) -> html.append("<tr><th>")
                .append(escape(key))
                .append("</th><td>")
                .append(escape(String.valueOf(value)))
                .append("</td></tr>"));
        html.append("</table>");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
