package io.grizz.worker.health;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A health check that answers within a deadline even when what it checks hangs.
 *
 * <p>Readiness must turn DOWN within seconds of a dependency going away, but a connection
 * attempt to a vanished host can block far longer (the pool's connection timeout, a client's
 * request timeout). So the probe runs on one background thread and the answer is awaited only
 * up to the deadline; a probe still hanging from an earlier call is itself the answer, so probes
 * never pile up.
 */
public abstract class TimeBoxedHealthIndicator implements HealthIndicator, AutoCloseable {

    private final Duration deadline;
    private final ExecutorService prober;
    private Future<?> pending;

    protected TimeBoxedHealthIndicator(String name, Duration deadline) {
        this.deadline = deadline;
        this.prober = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "grizz-health-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Returns normally when the dependency answers; throws otherwise. */
    protected abstract void probe() throws Exception;

    protected Duration deadline() {
        return deadline;
    }

    @Override
    public synchronized Health health() {
        if (pending == null || pending.isDone()) {
            pending = prober.submit(() -> {
                probe();
                return null;
            });
        }
        try {
            pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().build();
        } catch (TimeoutException e) {
            return Health.down()
                    .withDetail("reason", "no answer within " + deadline.toSeconds() + " s")
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        } catch (Exception e) {
            return Health.down()
                    .withDetail("reason", rootCause(e).getClass().getSimpleName())
                    .build();
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
