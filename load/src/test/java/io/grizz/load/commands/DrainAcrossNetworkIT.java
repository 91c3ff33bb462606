package io.grizz.load.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.load.LoadCommandAccess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code drain --db-rtt}: the real worker jar writing through PgBouncer to PostgreSQL across the harness's delay line,
 * 10 ms each round trip. Correctness only (every event applied, the stack line says what was measured); the figures
 * are docs/performance.md's.
 */
class DrainAcrossNetworkIT {

    @TempDir
    Path reports;

    @Test
    void everyEventArrivesAcrossATenMillisecondNetwork() throws Exception {
        int exitCode = LoadCommandAccess.run(
                "drain",
                "--stack",
                "local",
                "--events",
                "3000",
                "--db-rtt",
                "10ms",
                "--report-dir",
                reports.toString());

        JsonNode report = ReportFiles.only(reports, "drain");
        JsonNode verdict = report.get("verdict");
        assertThat(verdict.get("lost").asInt()).as("lost").isZero();
        assertThat(verdict.get("mismatched").asInt()).as("mismatched").isZero();
        assertThat(verdict.get("visible").asInt()).isEqualTo(3_000);
        assertThat(report.toString()).contains("across a network of 10 ms round trip");
        assertThat(exitCode).isZero();
    }
}
