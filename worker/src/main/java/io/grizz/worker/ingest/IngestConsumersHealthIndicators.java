package io.grizz.worker.ingest;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The two views of {@link IngestConsumers} that /actuator/health groups take. */
final class IngestConsumersHealthIndicators {

    private IngestConsumersHealthIndicators() {}

    /** {@code ingestConsumers}, in readiness: DOWN while any consumer is stopped or stalled. */
    static HealthIndicator readiness(IngestConsumers consumers) {
        return () -> health(consumers.notReady(), consumers);
    }

    /** {@code ingestConsumersLive}, in liveness: DOWN once a consumer has stopped for good. */
    static HealthIndicator liveness(IngestConsumers consumers) {
        return () -> health(consumers.notAlive(), consumers);
    }

    private static Health health(Map<String, String> problems, IngestConsumers consumers) {
        Health.Builder health = problems.isEmpty() ? Health.up() : Health.down().withDetail("problems", problems);
        return health.withDetail("consumers", consumers.consumers()).build();
    }
}
