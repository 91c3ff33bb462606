package io.grizz.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void thePageIsSelfContained() throws Exception {
        Path html = ReportFiles.write(SampleReports.burst(true), dir).get(1);
        String page = Files.readString(html);

        assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(page).doesNotContain("<script", "src=", "<link", "@import", "url(", "http://", "https://");
        assertThat(page).contains("<style>", "<svg");
    }

    @Test
    void itHoldsTheFiguresPercentilesVerdictAndCharts() {
        String page = HtmlReport.render(SampleReports.burst(true));

        assertThat(page).contains("PASSED", "produce rate (acknowledged)", "41,235", "events/s", "38,765");
        assertThat(page)
                .contains(
                        "<th>p99</th>",
                        "<td class=\"n\">187</td>",
                        "<td class=\"n\">241</td>",
                        "<td class=\"n\">12.5</td>",
                        "<td class=\"n\">48.3</td>");
        assertThat(page).contains("<th>lost</th><td class=\"n\">0</td>", "<th>stale</th><td class=\"n\">0</td>");
        assertThat(page).contains("<h2>Rows persisted per second</h2><svg", "<polyline", "99.9%");
        assertThat(page).contains("ceiling, direct and drain", "99,000", "launch to done", "0.30 x");
    }

    @Test
    void theStackLineStandsUnderTheTitle() {
        String page = HtmlReport.render(SampleReports.burst(true));
        int title = page.indexOf("<h1>");
        int stack = page.indexOf("<p class=\"stack\">stack: local stack (Kafka 127.0.0.1:9092, PostgreSQL 15.20");
        assertThat(stack).isGreaterThan(title);
        assertThat(stack).isLessThan(page.indexOf("<h2>Figures</h2>"));
        assertThat(page.substring(stack, page.indexOf("</p>", stack)))
                .contains("NO PGBOUNCER", "lz4-compressed", "round-robin over conversations");
    }

    @Test
    void aFailedRunShowsFailedAndTheFindings() {
        String page = HtmlReport.render(SampleReports.burst(false));
        assertThat(page).contains("FAILED", "4711", SampleReports.LOST_MESSAGE.toString(), "none", "2 (delete)");
    }

    @Test
    void textIsEscaped() {
        String page = HtmlReport.render(SampleReports.burst(true));
        assertThat(page).contains("Burst: 10000 events &lt;200 writers&gt;", "&lt;markup&gt; &amp; &quot;quotes&quot;");
        assertThat(page).doesNotContain("<markup>", "<200 writers>");
    }
}
