package io.grizz.worker.ingest;

import io.grizz.worker.store.RaceRetry;
import io.grizz.worker.store.SqlStates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of the write path as an operator sees it, per consumer thread: {@code CLOSED} while
 * its batches commit, {@code OPEN} once a batch failed as a whole (database, pooler, Kafka or
 * the notification topic unreachable), {@code HALF_OPEN} while a retry probes whether it is back.
 * The whole path's state is the worst of its consumers': one consumer stuck in an outage is not
 * hidden by the others committing.
 *
 * <p>It does not decide when to retry: the container's error handler does that, with capped
 * exponential backoff and jitter, keeping the consumer paused and polling so the group does not
 * rebalance during a long outage. This class records the transitions, so that health, metrics
 * and the log say what is going on, once per outage rather than once per failed attempt.
 *
 * <p>A race with another writer (40001, 40P01) is not an outage: the store retries it, and if it
 * still loses, the batch is retried with backoff without opening the circuit.
 */
public class IngestCircuitBreaker {

    public enum State {
        CLOSED(0),
        HALF_OPEN(1),
        OPEN(2);

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
    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

    public IngestCircuitBreaker(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        Gauge.builder(
                        "grizz.ingest.circuit.state",
                        this,
                        breaker -> breaker.state().level())
                .description("write path: 0 closed (committing), 1 half-open (probing), 2 open (paused, retrying); "
                        + "the worst of the consumers")
                .register(registry);
    }

    /** A batch is about to be written on this thread: when open, this attempt is the probe. */
    public void beforeAttempt() {
        current().beforeAttempt();
    }

    public void onSuccess() {
        current().onSuccess();
    }

    public void onFailure(Throwable failure) {
        if (RaceRetry.isRace(failure)) {
            log.info("a batch lost its races with another writer ({}); retrying it", describe(failure));
            return;
        }
        current().onFailure(failure);
    }

    /** The worst state of any consumer. */
    public State state() {
        return worst().map(circuit -> circuit.state).orElse(State.CLOSED);
    }

    /** When the worst consumer's outage began; null when all are closed. */
    public Instant openedAt() {
        return worst().map(circuit -> circuit.openedAt).orElse(null);
    }

    /** The last failure of the worst consumer; null when all are closed. */
    public String lastFailure() {
        return worst().map(circuit -> circuit.lastFailure).orElse(null);
    }

    /** Each consumer thread's state, for the health details. */
    public Map<String, State> states() {
        Map<String, State> states = new TreeMap<>();
        circuits.forEach((thread, circuit) -> states.put(thread, circuit.state));
        return states;
    }

    private Optional<Circuit> worst() {
        return circuits.values().stream()
                .filter(circuit -> circuit.state != State.CLOSED)
                .max(Comparator.comparingInt((Circuit circuit) -> circuit.state.level())
                        .thenComparing(circuit -> circuit.openedAt, Comparator.nullsFirst(Comparator.reverseOrder())));
    }

    private Circuit current() {
        return circuits.computeIfAbsent(Thread.currentThread().getName(), name -> new Circuit(name, clock));
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String state = SqlStates.sqlState(failure);
        return (state == null ? "" : "SQLState " + state + ", ")
                + root.getClass().getSimpleName()
                + (SqlStates.isTransient(failure) ? ", transient" : "");
    }

    /** One consumer thread's circuit. Only its own thread changes it; health reads it. */
    private static final class Circuit {
        private final String consumer;
        private final Clock clock;
        private volatile State state = State.CLOSED;
        private volatile Instant openedAt;
        private volatile String lastFailure;
        private long failedAttempts;

        Circuit(String consumer, Clock clock) {
            this.consumer = consumer;
            this.clock = clock;
        }

        void beforeAttempt() {
            if (state == State.OPEN) {
                state = State.HALF_OPEN;
            }
        }

        void onSuccess() {
            if (state != State.CLOSED) {
                log.info(
                        "write path of {} recovered after {} s and {} failed attempts; consuming again",
                        consumer,
                        Duration.between(openedAt, clock.instant()).toSeconds(),
                        failedAttempts);
            }
            state = State.CLOSED;
            openedAt = null;
            lastFailure = null;
            failedAttempts = 0;
        }

        void onFailure(Throwable failure) {
            failedAttempts++;
            boolean opening = state == State.CLOSED;
            if (opening) {
                openedAt = clock.instant();
            }
            state = State.OPEN;
            // after the state: a reader (the readiness check, a test) that sees this failure sees the circuit open
            lastFailure = describe(failure);
            if (opening) {
                log.warn(
                        "write path of {} unavailable ({}): consumption paused, retrying the batch with backoff",
                        consumer,
                        lastFailure);
            }
        }
    }
}
