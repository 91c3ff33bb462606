package io.grizz.worker.api.replica;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code grizz_read_replica_lag_seconds}, and {@code readReplica} in readiness: how far behind its primary the
 * database the read API reads is ({@link ReplicaLag}), sampled every {@link #INTERVAL} on the read pool; DOWN past
 * {@code READ_API_MAX_REPLICA_LAG}, UP again once back under it.
 *
 * <p>Sampled on a schedule, not per request or per scrape: a busy read API would otherwise ask the database the same
 * question thousands of times a second, and health and metrics never wait on a database that does not answer. A
 * sample that fails leaves the lag unknown (NaN) and readiness DOWN — the {@code database} check says why.
 */
public class ReplicaLagMonitor implements HealthIndicator, AutoCloseable {

    static final String METER = "grizz.read.replica.lag";
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(ReplicaLagMonitor.class);

    private final JdbcTemplate jdbc;
    private final Duration maxLag;
    private final ReplicaLag lag = new ReplicaLag();
    private final ScheduledExecutorService sampler;
    private volatile double seconds = Double.NaN;
    private volatile Boolean standby;
    private volatile String failure = "not sampled yet";
    private boolean wasBehind;

    public ReplicaLagMonitor(JdbcTemplate jdbc, Duration maxLag, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.maxLag = maxLag;
        Gauge.builder(METER, this, ReplicaLagMonitor::seconds)
                .description("How far behind its primary the read API's database is (0 on a primary, and on a "
                        + "standby with nothing to replay); NaN while it cannot be read")
                .baseUnit("seconds")
                .register(registry);
        this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "grizz-read-replica-lag");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(this::sample, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last lag sampled, in seconds; NaN when the last sample failed. */
    public double seconds() {
        return seconds;
    }

    /** Whether the read database is a standby; true until known, so that a caller waits rather than trusts. */
    public boolean standby() {
        return standby == null || standby;
    }

    @Override
    public Health health() {
        double now = seconds;
        if (Double.isNaN(now)) {
            return Health.down().withDetail("reason", failure).build();
        }
        Health.Builder health = now > maxLag.toMillis() / 1000.0 ? Health.down() : Health.up();
        return health.withDetail("lag_seconds", now)
                .withDetail("max_lag_seconds", maxLag.toMillis() / 1000.0)
                .withDetail("standby", standby())
                .build();
    }

    private void sample() {
        try {
            ReplaySample sample = jdbc.queryForObject(ReplaySample.QUERY, ReplaySample::read);
            standby = sample.inRecovery();
            seconds = lag.next(sample);
            logCrossing();
        } catch (RuntimeException e) {
            failure = "cannot read the replay position: " + e.getClass().getSimpleName();
            seconds = Double.NaN;
        }
    }

    /** One line when the lag crosses the threshold, each way: what an operator reads next to the readiness flip. */
    private void logCrossing() {
        boolean behind = seconds > maxLag.toMillis() / 1000.0;
        if (behind != wasBehind) {
            if (behind) {
                log.warn(
                        "the read database is {} s behind its primary, more than {}: readiness DOWN",
                        String.format(Locale.ROOT, "%.1f", seconds),
                        maxLag);
            } else {
                log.info("the read database is back within {} of its primary: readiness UP", maxLag);
            }
            wasBehind = behind;
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
