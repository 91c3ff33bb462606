package io.grizz.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {

    @Test
    void printsFiguresLatencyVerdictAndTables() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReport.print(SampleReports.burst(false), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);

        assertThat(text).contains("produce rate (acknowledged)", "41,235 events/s");
        assertThat(text).containsPattern("end to end\\s+7000\\s+12.5\\s+48.3\\s+187\\s+241\\s+251");
        assertThat(text).contains("1 lost", "1 stale");
        assertThat(text).contains("seq 4711 (message " + SampleReports.LOST_MESSAGE + ", revision 3): missing");
        assertThat(text).contains("seq 815", "visible at revision 1 (seq 12)");
        assertThat(text).containsPattern("ceiling\\s+99,000");
        assertThat(text).containsPattern("launch to done\\s+29,700\\s+29,700\\s+0.30 x");
        assertThat(text).endsWith("FAILED" + System.lineSeparator());
    }

    @Test
    void theStackLineStandsUnderTheTitleWithAMissingPoolerInCapitals() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReport.print(SampleReports.burst(true), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split(System.lineSeparator());

        assertThat(lines[1]).startsWith("== Burst");
        assertThat(lines[2]).isEqualTo("  stack: " + SampleReports.STACK);
        assertThat(lines[2]).contains("PostgreSQL 15.20", "NO PGBOUNCER", "lz4-compressed", "round-robin");
    }
}
