package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/** The circuit and the liveness marks around each attempt, as the container calls its batch interceptor. */
class IngestAttemptsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final IngestCircuitBreaker circuit = new IngestCircuitBreaker(new SimpleMeterRegistry(), Clock.systemUTC());
    private final IngestConsumers consumers = new IngestConsumers(Duration.ofSeconds(10), nanos::get);
    private final IngestAttempts attempts = new IngestAttempts(circuit, consumers);

    @Test
    void aFailedAttemptOpensTheCircuitTheRetryProbesItAndItsSuccessClosesIt() {
        attempts.intercept(null, null);
        attempts.failure(null, wrapped(new SQLException("connection refused", "08006")), null);
        assertThat(circuit.state()).isEqualTo(IngestCircuitBreaker.State.OPEN);
        assertThat(circuit.lastFailure()).startsWith("SQLState 08006, SQLException");

        attempts.intercept(null, null);
        assertThat(circuit.state()).isEqualTo(IngestCircuitBreaker.State.HALF_OPEN);

        attempts.success(null, null);
        assertThat(circuit.state()).isEqualTo(IngestCircuitBreaker.State.CLOSED);
    }

    @Test
    void aLostRaceDoesNotOpenTheCircuit() {
        attempts.intercept(null, null);
        attempts.failure(null, wrapped(new SQLException("could not serialize access", "40001")), null);

        assertThat(circuit.state()).isEqualTo(IngestCircuitBreaker.State.CLOSED);
    }

    @Test
    void theConsumerIsAliveAtTheStartAndTheEndOfEveryAttemptFailedOrNot() {
        nanos.set(Duration.ofSeconds(30).toNanos());
        attempts.intercept(null, null);
        nanos.set(Duration.ofSeconds(39).toNanos());
        assertThat(consumers.notReady()).isEmpty();

        nanos.set(Duration.ofSeconds(45).toNanos());
        attempts.failure(null, wrapped(new SQLException("connection refused", "08006")), null);
        nanos.set(Duration.ofSeconds(54).toNanos());
        assertThat(consumers.notReady())
                .as("marked at the failed attempt's end")
                .isEmpty();

        attempts.intercept(null, null);
        nanos.set(Duration.ofSeconds(70).toNanos());
        attempts.success(null, null);
        nanos.set(Duration.ofSeconds(79).toNanos());
        assertThat(consumers.notReady())
                .as("marked at the successful attempt's end")
                .isEmpty();
        nanos.set(Duration.ofSeconds(81).toNanos());
        assertThat(consumers.notReady()).hasSize(1);
    }

    @Test
    void theCircuitIsToldWhatTheListenerThrewNotTheContainersWrapper() {
        SQLException thrown = new SQLException("connection refused", "08006");

        assertThat(IngestAttempts.thrownByTheListener(wrapped(wrapped(thrown)))).isSameAs(thrown);
        assertThat(IngestAttempts.thrownByTheListener(thrown)).isSameAs(thrown);
    }

    private static ListenerExecutionFailedException wrapped(Exception e) {
        return new ListenerExecutionFailedException("Listener method threw exception", e);
    }
}
