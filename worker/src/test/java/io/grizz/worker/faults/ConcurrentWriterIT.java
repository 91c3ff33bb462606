package io.grizz.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.worker.support.Drill;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.HealthProbe;
import io.grizz.worker.support.IngestFixture;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two writers racing on one message, as two instances do when a rebalance hands a partition over while the old
 * owner still writes its last batch. The other writer's row is not visible yet when the worker reads (its
 * transaction is open), so the worker's fold takes the message for new. The database must still keep the higher
 * revision, the raced event must end as what it is, a no-op, and nothing may be dead-lettered for it.
 */
class ConcurrentWriterIT {

    @Test
    void aStaleEventRacingAnUncommittedHigherRevisionLeavesTheHigherRevision() throws Exception {
        UUID conversation = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID raced = UUID.randomUUID();
        try (IngestFixture fixture = IngestFixture.create("race", 1)) {
            ConfigurableApplicationContext worker = fixture.startWorker(Map.of());
            MeterRegistry meters = worker.getBean(MeterRegistry.class);
            fixture.send(Events.created(conversation, user, first, 1, "makes the conversation"));
            fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", first);
            HealthProbe health = new HealthProbe(worker);
            health.await("readiness", "UP", Duration.ofSeconds(30));
            ReadinessWatch readiness = new ReadinessWatch(health);

            try (Connection other = fixture.connect()) {
                other.setAutoCommit(false);
                try (PreparedStatement insert = other.prepareStatement("""
                        INSERT INTO messages (id, conversation_id, user_id, role, content, revision,
                                              created_at, updated_at)
                        VALUES (?, ?, ?, 'user', 'the other writer, revision 3', 3, ?, ?)""")) {
                    insert.setObject(1, raced);
                    insert.setObject(2, conversation);
                    insert.setObject(3, user);
                    insert.setTimestamp(4, Timestamp.from(Events.at(1)));
                    insert.setTimestamp(5, Timestamp.from(Events.at(3)));
                    insert.executeUpdate();
                }
                fixture.send(Events.created(conversation, user, raced, 1, "stale, revision 1"));
                // the worker's batch is now waiting on the other writer's uncommitted row
                awaitWorkerWaitingOnALock(fixture);
                other.commit();
            }

            fixture.awaitTrue(() -> fixture.jdbc()
                    .queryForObject(
                            "SELECT revision = 3 AND content = 'the other writer, revision 3' "
                                    + "FROM messages WHERE id = ?",
                            Boolean.class,
                            raced));
            // a later write proves the partition moved on past the raced event
            UUID after = UUID.randomUUID();
            fixture.send(Events.created(conversation, user, after, 1, "after the race"));
            fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", after);
            assertThat(fixture.jdbc()
                            .queryForObject("SELECT revision FROM messages WHERE id = ?", Integer.class, raced))
                    .isEqualTo(3);
            assertThat(fixture.deadLetters(0)).isEmpty();
            // counted once each, the raced event as what it turned out to be
            assertThat(meters.counter("grizz.events.applied").count()).isEqualTo(2);
            assertThat(meters.counter("grizz.events.noop").count()).isEqualTo(1);
            // a race is retried inside the store, counted, and is no outage; a batch of creations meets the other
            // writer's row as one stored already (it is written as new first, without the locking read)
            assertThat(meters.counter("grizz.batch.retries", "cause", "already_stored")
                                    .count()
                            + meters.counter("grizz.batch.retries", "cause", "serialization_failure")
                                    .count())
                    .isGreaterThanOrEqualTo(1);
            assertThat(readiness.stop())
                    .as("readiness answers during the race")
                    .allMatch(body -> body.contains("\"status\":\"UP\""));
        }
    }

    /** Samples readiness every 100 ms on a thread of its own until stopped. */
    private static final class ReadinessWatch {
        private final List<String> seen = new CopyOnWriteArrayList<>();
        private volatile boolean running = true;
        private final Thread thread;

        ReadinessWatch(HealthProbe health) {
            thread = new Thread(
                    () -> {
                        while (running) {
                            seen.add(health.body("readiness"));
                            Drill.sleep(Duration.ofMillis(100));
                        }
                    },
                    "readiness-watch");
            thread.setDaemon(true);
            thread.start();
        }

        List<String> stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
            return seen;
        }
    }

    private static void awaitWorkerWaitingOnALock(IngestFixture fixture) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Long waiting = fixture.jdbc().queryForObject("""
                    SELECT count(*) FROM pg_stat_activity
                     WHERE datname = current_database() AND application_name = 'grizz-worker'
                       AND wait_event_type = 'Lock'""", Long.class);
            if (waiting != null && waiting > 0) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the worker never waited on the other writer's row lock");
    }
}
