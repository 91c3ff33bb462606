package io.grizz.worker.api;

import io.grizz.worker.config.ConditionalOnRole;
import io.grizz.worker.config.WorkerRole;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Buckets for the read API's {@code http_server_requests_seconds}, so the dashboard can show its
 * p50/p99 per endpoint: Spring Boot times every request but publishes only count, sum and max.
 * A dozen fixed bounds rather than Micrometer's percentile histogram (about 70 buckets for each
 * uri, method, status and outcome): enough to read a quantile from 5 ms to the statement timeout
 * (5 s, answered 503) and beyond, at a sixth of the series.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(WorkerRole.READ_API)
class ReadApiLatencyBuckets {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    static final Duration[] BOUNDS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000)
            .map(Duration::ofMillis)
            .toArray(Duration[]::new);

    @Bean
    MeterFilter httpServerRequestsBuckets() {
        double[] nanos =
                Stream.of(BOUNDS).mapToDouble(bound -> (double) bound.toNanos()).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(nanos)
                        .build()
                        .merge(config);
            }
        };
    }
}
