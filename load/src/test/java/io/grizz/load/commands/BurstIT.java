package io.grizz.load.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.load.LoadCommandAccess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * CI's load test: a small burst (2,000 events from 200 writers) through the real local stack — Kafka, PostgreSQL,
 * PgBouncer — and the real worker jar, built earlier in the reactor. Correctness only: nothing lost, nothing stale.
 * Timing is left to the benchmarks; CI machines are too noisy for it.
 */
class BurstIT {

    @TempDir
    Path reports;

    @Test
    void aBurstOfTwoHundredWritersLosesNothingAndLeavesNothingStale() throws Exception {
        int exitCode = LoadCommandAccess.run(
                "burst",
                "--stack",
                "local",
                "--events",
                "2000",
                "--writers",
                "200",
                "--warmup-events",
                "0",
                "--report-dir",
                reports.toString());

        JsonNode report = ReportFiles.only(reports, "burst");
        JsonNode verdict = report.get("verdict");
        assertThat(verdict.get("lost").asInt()).as("lost").isZero();
        assertThat(verdict.get("stale").asInt()).as("stale").isZero();
        assertThat(verdict.get("mismatched").asInt()).as("mismatched").isZero();
        assertThat(verdict.get("visible").asInt())
                .isEqualTo(verdict.get("messages").asInt())
                .isEqualTo(1_400);
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(exitCode).isZero();
    }
}
