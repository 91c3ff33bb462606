package io.grizz.worker.ingest;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** {@code ingestCircuit} in /actuator/health: DOWN while any consumer's write path is open or probing. */
public class IngestCircuitHealthIndicator implements HealthIndicator {

    private final IngestCircuitBreaker circuit;

    public IngestCircuitHealthIndicator(IngestCircuitBreaker circuit) {
        this.circuit = circuit;
    }

    @Override
    public Health health() {
        IngestCircuitBreaker.State state = circuit.state();
        if (state == IngestCircuitBreaker.State.CLOSED) {
            return Health.up()
                    .withDetail("state", state)
                    .withDetail("consumers", circuit.states())
                    .build();
        }
        return Health.down()
                .withDetail("state", state)
                .withDetail("consumers", circuit.states())
                .withDetail("since", String.valueOf(circuit.openedAt()))
                .withDetail("lastFailure", String.valueOf(circuit.lastFailure()))
                .build();
    }
}
