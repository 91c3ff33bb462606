package io.grizz.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonReportTest {

    @TempDir
    Path dir;

    @Test
    void theFileParsesBackWithEveryFigureUnderItsKey() {
        List<Path> files = ReportFiles.write(SampleReports.burst(true), dir);
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("burst-20250101-120000-abcd.json", "burst-20250101-120000-abcd.html");

        JsonNode json = JsonMapper.builder().build().readTree(files.get(0).toFile());
        assertThat(json.get("command").asString()).isEqualTo("burst");
        assertThat(json.get("run_id").asString()).isEqualTo("20250101-120000-abcd");
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("started_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(json.get("environment").get("cpus").asInt()).isPositive();
        assertThat(json.get("environment").get("stack").asString()).isEqualTo(SampleReports.STACK);
        assertThat(json.get("settings").get("events").asInt()).isEqualTo(10_000);
        JsonNode rate = json.get("figures").get(0);
        assertThat(rate.get("key").asString()).isEqualTo("produce_rate");
        assertThat(rate.get("value").asDouble()).isEqualTo(41_234.5);
        assertThat(rate.get("unit").asString()).isEqualTo("events/s");
        JsonNode latency = json.get("latencies").get(0);
        assertThat(latency.get("p99_ms").asDouble()).isEqualTo(187.125);
        assertThat(latency.get("p999_ms").asDouble()).isEqualTo(241.0);
        assertThat(json.get("verdict").get("lost").asInt()).isZero();
        assertThat(json.get("verdict").get("stale").asInt()).isZero();
        JsonNode point =
                json.get("charts").get(0).get("series").get(0).get("points").get(1);
        assertThat(point.get(0).asDouble()).isEqualTo(0.5);
        assertThat(point.get(1).asDouble()).isEqualTo(40_000);
        assertThat(json.get("charts").get(1).get("percentile_axis").asBoolean()).isTrue();
        JsonNode launchToDone = json.get("tables").get(0).get("rows").get(2);
        assertThat(launchToDone.get(0).asString()).isEqualTo("launch to done");
        assertThat(launchToDone.get(3).asString()).isEqualTo("0.30 x");
    }

    @Test
    void aFailedRunSaysWhatWasLostAndStaleBySequenceNumber() {
        JsonNode json = JsonMapper.builder().build().readTree(JsonReport.text(SampleReports.burst(false)));
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("verdict").get("lost").asInt()).isEqualTo(1);
        assertThat(json.get("verdict").get("stale").asInt()).isEqualTo(1);
        JsonNode lost = json.get("verdict").get("samples").get(0);
        assertThat(lost.get("seq").asLong()).isEqualTo(4_711);
        assertThat(lost.get("message_id").asString()).isEqualTo(SampleReports.LOST_MESSAGE.toString());
        assertThat(lost.get("visible_revision").asInt()).isEqualTo(-1);
        assertThat(json.get("verdict").get("samples").get(1).get("visible_seq").asLong())
                .isEqualTo(12);
    }

    @Test
    void reportFiguresCanBeLookedUpByKey() {
        assertThat(SampleReports.burst(true).figure("persisted_rate")).isEqualTo(38_765.4);
    }
}
