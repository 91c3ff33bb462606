package io.grizz.worker.health;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code database} in /actuator/health, part of readiness: can the pool hand out a connection
 * that answers, within a few seconds?
 *
 * <p>Boot's own {@code db} indicator blocks as long as the pool's connection timeout while the
 * database is down, so readiness would lag the outage. Here the probe runs on one background
 * thread with a short deadline; a probe still hanging from an earlier call is itself the
 * answer, so probes never pile up.
 */
public class DatabaseHealthIndicator implements HealthIndicator, AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(3);

    private final DataSource dataSource;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "grizz-database-probe");
        thread.setDaemon(true);
        return thread;
    });
    private Future<Boolean> pending;

    public DatabaseHealthIndicator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public synchronized Health health() {
        if (pending == null || pending.isDone()) {
            pending = prober.submit(this::probe);
        }
        try {
            return pending.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    ? Health.up().build()
                    : Health.down().withDetail("reason", "connection not valid").build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("reason", "no answer within " + DEADLINE.toSeconds() + " s").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        } catch (Exception e) {
            return Health.down().withDetail("reason", rootCause(e).getClass().getSimpleName()).build();
        }
    }

    private boolean probe() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid((int) DEADLINE.toSeconds());
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
