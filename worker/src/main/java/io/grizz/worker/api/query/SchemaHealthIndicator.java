package io.grizz.worker.api.query;

import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code schema} in /actuator/health and readiness: is the database's schema at the version this
 * build reads? The read-api role migrates nothing (its user needs no DDL rights), so an instance
 * started before the ingest role or {@code migrate} has run stays not ready, and says why
 * ("schema not found", "schema version 2 found, 3 expected") instead of answering 500s.
 *
 * <p>Checked in the background every few seconds until the version is there — a schema does not
 * go back — so a health request never waits on a database that does not answer.
 */
public class SchemaHealthIndicator implements HealthIndicator, AutoCloseable {

    static final Duration RECHECK = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(SchemaHealthIndicator.class);

    private final JdbcTemplate jdbc;
    private final int expected;
    private final ScheduledExecutorService checker;
    private volatile Health health =
            Health.down().withDetail("reason", "not checked yet").build();

    /** Waits for the version this build reads: the highest migration it carries. */
    public SchemaHealthIndicator(JdbcTemplate jdbc) {
        this(jdbc, SchemaFingerprints.expectedVersion());
    }

    SchemaHealthIndicator(JdbcTemplate jdbc, int expected) {
        this.jdbc = jdbc;
        this.expected = expected;
        this.checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "grizz-health-schema");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::check, 0, RECHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Health health() {
        return health;
    }

    private void check() {
        try {
            int found = foundVersion();
            if (found >= expected) {
                health = Health.up().withDetail("version", found).build();
                log.info("schema version {} found; the read API is ready", found);
                checker.shutdown();
                return;
            }
            String reason =
                    found == 0 ? "schema not found" : "schema version " + found + " found, " + expected + " expected";
            health = Health.down()
                    .withDetail(
                            "reason",
                            reason + " (migrations run with the ingest role, "
                                    + "or with: java -jar grizz-worker.jar migrate)")
                    .build();
        } catch (RuntimeException e) {
            health = Health.down()
                    .withDetail(
                            "reason", "cannot read the catalog: " + e.getClass().getSimpleName())
                    .build();
        }
    }

    private int foundVersion() {
        return jdbc.query(SchemaFingerprints.query(), rs -> {
            rs.next();
            for (int version : new TreeMap<>(SchemaFingerprints.BY_VERSION).descendingKeySet()) {
                if (rs.getBoolean("v" + version)) {
                    return version;
                }
            }
            return 0;
        });
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
