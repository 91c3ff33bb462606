package io.grizz.worker.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code grizz_readiness}: 1 while {@code /actuator/health/readiness} is UP, 0 otherwise — so an
 * alert sees what an orchestrator sees. Spring Boot exports no health status as a meter (its
 * how-to maps one by hand), and Prometheus's {@code up} only says the scrape worked: a worker
 * whose database is gone still answers {@code /actuator/prometheus}, up but not ready.
 *
 * <p>A scrape never waits for the readiness group. It reads the last answer and starts the next
 * evaluation unless one is still running, so the value is at most one scrape interval (plus a
 * probe's few seconds) old. Evaluated inside the scrape, probes that take their full 3 s during an
 * outage would make the scrape time out, and every other meter would vanish with it exactly when
 * the operator needs them. Before the first answer the value is NaN: no alert fires on it.
 */
public class ReadinessGauge implements AutoCloseable {

    static final String NAME = "grizz.readiness";
    static final double READY = 1;
    static final double NOT_READY = 0;

    private final Supplier<Status> readiness;
    private final ExecutorService evaluator;
    private volatile double last = Double.NaN;
    private Future<?> running;

    public ReadinessGauge(Supplier<Status> readiness, MeterRegistry registry) {
        this.readiness = readiness;
        this.evaluator = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "grizz-readiness-gauge");
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder(NAME, this, ReadinessGauge::value)
                .description("1 while /actuator/health/readiness is UP, 0 while it is not; refreshed at each scrape")
                .register(registry);
    }

    /** The last answer; starts the next evaluation unless one is running. */
    synchronized double value() {
        if ((running == null || running.isDone()) && !evaluator.isShutdown()) {
            running = evaluator.submit(this::evaluate);
        }
        return last;
    }

    private void evaluate() {
        try {
            last = Status.UP.equals(readiness.get()) ? READY : NOT_READY;
        } catch (RuntimeException e) {
            last = NOT_READY;
        }
    }

    @Override
    public synchronized void close() {
        evaluator.shutdownNow();
    }
}
