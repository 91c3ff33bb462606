package io.grizz.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The checker of GrafanaDashboardIT must find every metric a query reads, and nothing else. */
class PromQlMetricNamesTest {

    @Test
    void aRateOfACounterReadsThatCounter() {
        assertThat(PromQlMetricNames.of(
                        "sum(rate(grizz_events_applied_total{job=\"grizz-ingest\"}[$__rate_interval]))"))
                .containsExactly("grizz_events_applied_total");
    }

    @Test
    void aQuantileFromHistogramBucketsReadsTheBucketsNotTheLeLabelOrTheFunctions() {
        assertThat(PromQlMetricNames.of(
                        "histogram_quantile(0.99, sum by (le) (rate(grizz_batch_persist_seconds_bucket[5m])))"))
                .containsExactly("grizz_batch_persist_seconds_bucket");
    }

    @Test
    void bothSidesOfABinaryExpressionAreRead() {
        assertThat(PromQlMetricNames.of("sum without (instance) (rate(grizz_batch_size_sum[1m])) / "
                        + "sum without(instance)(rate(grizz_batch_size_count[1m])) > bool 0 offset 5m"))
                .containsExactly("grizz_batch_size_count", "grizz_batch_size_sum");
    }

    @Test
    void labelValuesAndGrafanaVariablesAreNoMetrics() {
        assertThat(PromQlMetricNames.of("max by (job, pool) (hikaricp_connections_pending{pool=~\"$pool\", "
                        + "application=\"grizz-worker\"}) or on (job) vector(0) and $other"))
                .containsExactly("hikaricp_connections_pending");
    }
}
