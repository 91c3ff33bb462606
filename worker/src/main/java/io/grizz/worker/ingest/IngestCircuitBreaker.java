package io.grizz.worker.ingest;

import io.grizz.worker.store.SqlStates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of the write path as an operator sees it: {@code CLOSED} while batches commit,
 * {@code OPEN} once a batch failed as a whole (database, pooler or dead-letter topic
 * unreachable), {@code HALF_OPEN} while a retry probes whether it is back.
 *
 * <p>It does not decide when to retry — the container's error handler does that, with capped
 * exponential backoff and jitter, keeping the consumer paused and polling so the group does not
 * rebalance during a long outage. This class records the transitions, so that health, metrics
 * and the log say what is going on, once per outage rather than once per failed attempt.
 */
public class IngestCircuitBreaker {

    public enum State {
        CLOSED(0), HALF_OPEN(1), OPEN(2);

        private final int level;

        State(int level) {
            this.level = level;
        }

        public int level() {
            return level;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(IngestCircuitBreaker.class);

    private final Clock clock;
    private volatile State state = State.CLOSED;
    private volatile Instant openedAt;
    private volatile String lastFailure;
    private long failedAttempts;

    public IngestCircuitBreaker(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        Gauge.builder("grizz.ingest.circuit.state", this, breaker -> breaker.state.level())
                .description("write path: 0 closed (committing), 1 half-open (probing), 2 open (paused, retrying)")
                .register(registry);
    }

    /** A batch is about to be written: when open, this attempt is the probe. */
    public synchronized void beforeAttempt() {
        if (state == State.OPEN) {
            state = State.HALF_OPEN;
        }
    }

    public synchronized void onSuccess() {
        if (state != State.CLOSED) {
            log.info("write path recovered after {} s and {} failed attempts; consuming again",
                    Duration.between(openedAt, clock.instant()).toSeconds(), failedAttempts);
        }
        state = State.CLOSED;
        openedAt = null;
        lastFailure = null;
        failedAttempts = 0;
    }

    public synchronized void onFailure(Throwable failure) {
        failedAttempts++;
        boolean opening = state == State.CLOSED;
        if (opening) {
            openedAt = clock.instant();
        }
        state = State.OPEN;
        // after the state: a reader (the readiness check, a test) that sees this failure sees the circuit open
        lastFailure = describe(failure);
        if (opening) {
            log.warn("write path unavailable ({}): consumption paused, retrying the batch with backoff",
                    lastFailure);
        }
    }

    public State state() {
        return state;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public String lastFailure() {
        return lastFailure;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String state = SqlStates.sqlState(failure);
        return (state == null ? "" : "SQLState " + state + ", ") + root.getClass().getSimpleName()
                + (SqlStates.isTransient(failure) ? ", transient" : "");
    }
}
