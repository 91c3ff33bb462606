package io.grizz.load.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {

    @Test
    void sumsEachGrizzMetricOverItsLabels() {
        String exposition = """
                # HELP grizz_batch_size records per batch
                # TYPE grizz_batch_size summary
                grizz_batch_size_count{application="grizz-worker"} 120.0
                grizz_batch_size_sum{application="grizz-worker"} 240000.0
                grizz_batch_size_max{application="grizz-worker"} NaN
                grizz_events_dead_lettered_total{application="grizz-worker",reason="malformed"} 2.0
                grizz_events_dead_lettered_total{application="grizz-worker",reason="too_large"} 1.0
                hikaricp_connections_active{pool="grizz-ingest"} 3.0
                """;
        Map<String, Double> sums = WorkerMetrics.sums(exposition);
        assertThat(sums)
                .containsEntry("grizz_batch_size_count", 120.0)
                .containsEntry("grizz_batch_size_sum", 240_000.0)
                .containsEntry("grizz_events_dead_lettered_total", 3.0)
                .doesNotContainKeys("grizz_batch_size_max", "hikaricp_connections_active");
    }

    @Test
    void aWorkerThatDoesNotAnswerHasNoMetrics() {
        assertThat(WorkerMetrics.scrape("http://127.0.0.1:1/actuator/prometheus"))
                .isEmpty();
    }
}
