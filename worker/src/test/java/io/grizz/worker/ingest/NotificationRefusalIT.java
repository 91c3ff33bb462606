package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grizz.compose.process.FreePorts;
import io.grizz.contracts.MessageWrite;
import io.grizz.worker.support.Announcements;
import io.grizz.worker.support.Announcements.Announced;
import io.grizz.worker.support.Drill;
import io.grizz.worker.support.HealthProbe;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.TopicConfigs;
import io.grizz.worker.support.WorkerProcess;
import io.grizz.worker.support.Workload;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * docs/contract.md §3, persisted notifications: a notification topic that refuses every record
 * (its {@code max.message.bytes} lowered to 16 bytes, as an operator might) is an outage like
 * the topic being down. Rows wait, readiness is DOWN, no thread of the worker dies; once the
 * topic accepts again, every event is applied and announced within 60 s, and SIGTERM during the
 * refusal exits 0 within 30 s. Before kafka-clients carried KAFKA-8202/8350 and the worker bounded
 * its waits, this killed the producer's network thread and left SIGTERM unanswered.
 */
class NotificationRefusalIT {

    private static final Logger log = LoggerFactory.getLogger(NotificationRefusalIT.class);
    private static final int REFUSING = 16;
    private static final Duration REFUSAL = Duration.ofSeconds(15);
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @Test
    void aTopicRefusingEveryRecordFor15SecondsHoldsTheRowsBackThenEverythingFlowsWithin60Seconds() {
        Workload workload = Workload.of(40, 3, 5);
        assertThat(workload.events()).hasSize(600);
        try (IngestFixture fixture = IngestFixture.create("notify_refused", 3)) {
            String servers = fixture.stack().kafkaBootstrapServers();
            String persisted = persistedTopic(fixture);
            int port = FreePorts.pick();
            try (Announcements announcements = new Announcements(servers, persisted);
                    WorkerProcess worker = WorkerProcess.start(environment(fixture, persisted, port))) {
                HealthProbe health = new HealthProbe(port);
                health.await("readiness", "UP", Duration.ofSeconds(90));

                TopicConfigs.maxMessageBytes(servers, persisted, REFUSING);
                long refusedAt = System.nanoTime();
                // 600 events at 40 a second: they flow for the whole refusal
                new Drill(fixture, workload, 40).startPublishing();
                health.await("readiness", "DOWN", Duration.ofSeconds(10));
                Drill.sleep(Duration.ofNanos(refusedAt + REFUSAL.toNanos() - System.nanoTime()));
                assertThat(health.is("readiness", "DOWN"))
                        .as("readiness at the end of the refusal: %s", health.body("readiness"))
                        .isTrue();
                assertThat(announcements.seen())
                        .as("nothing announced while refused")
                        .isEmpty();
                TopicConfigs.restoreMaxMessageBytes(servers, persisted);
                long restoredAt = System.nanoTime();

                fixture.awaitCount(
                        RECOVERY, workload.messageCount(), "SELECT count(*) FROM messages WHERE revision = 5");
                Set<Announced> finals = finalRevisions(workload.events());
                Duration left = RECOVERY.minusNanos(System.nanoTime() - restoredAt);
                await().atMost(left.isNegative() ? Duration.ZERO : left)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> announcements.seen().containsAll(finals));
                log.info(
                        "NOTIFICATION TOPIC REFUSING for {} s with {} events flowing: all applied and announced "
                                + "{} ms after it accepted again",
                        REFUSAL.toSeconds(),
                        workload.events().size(),
                        (System.nanoTime() - restoredAt) / 1_000_000);
                workload.assertExactlyStoredIn(fixture.jdbc());
                health.await("readiness", "UP", Duration.ofSeconds(20));

                String text = worker.logText();
                assertThat(text)
                        .as("the worker's log (%s)", worker.log())
                        .doesNotContain("StackOverflowError")
                        .doesNotContain("Uncaught")
                        .doesNotContain("OutOfMemoryError");
                log.info(
                        "worker log: {} lines of 'splitting and retrying', {} of 'write path of ... unavailable'",
                        count(text, "splitting and retrying"),
                        count(text, "unavailable ("));
                assertThat(worker.isAlive()).isTrue();
                assertThat(worker.terminate(Duration.ofSeconds(30)))
                        .as("exit code on SIGTERM")
                        .isZero();
            }
        }
    }

    @Test
    void sigtermWhileTheTopicRefusesExitsZeroWithin30SecondsAndLosesNothing() {
        Workload workload = Workload.of(10, 3, 2);
        try (IngestFixture fixture = IngestFixture.create("notify_refused_term", 3)) {
            String servers = fixture.stack().kafkaBootstrapServers();
            String persisted = persistedTopic(fixture);
            int port = FreePorts.pick();
            try (Announcements announcements = new Announcements(servers, persisted)) {
                try (WorkerProcess worker = WorkerProcess.start(environment(fixture, persisted, port))) {
                    HealthProbe health = new HealthProbe(port);
                    health.await("readiness", "UP", Duration.ofSeconds(90));
                    TopicConfigs.maxMessageBytes(servers, persisted, REFUSING);
                    fixture.send(workload.events());
                    health.await("readiness", "DOWN", Duration.ofSeconds(10));
                    Drill.sleep(Duration.ofSeconds(3));

                    long started = System.nanoTime();
                    assertThat(worker.terminate(Duration.ofSeconds(30)))
                            .as("exit code on SIGTERM during the refusal")
                            .isZero();
                    log.info(
                            "SIGTERM while the notification topic refuses: exited 0 after {} ms",
                            (System.nanoTime() - started) / 1_000_000);
                    assertThat(worker.logText()).doesNotContain("halting with exit code 0");
                }
                TopicConfigs.restoreMaxMessageBytes(servers, persisted);
                try (WorkerProcess next = WorkerProcess.start(environment(fixture, persisted, FreePorts.pick()))) {
                    fixture.awaitCount(workload.messageCount(), "SELECT count(*) FROM messages WHERE revision = 2");
                    Set<Announced> finals = finalRevisions(workload.events());
                    fixture.awaitTrue(() -> announcements.seen().containsAll(finals));
                    workload.assertExactlyStoredIn(fixture.jdbc());
                }
            }
        }
    }

    static Map<String, String> environment(IngestFixture fixture, String persisted, int port) {
        Map<String, String> env = new HashMap<>(fixture.environment());
        env.put("GRIZZ_PERSISTED_TOPIC", persisted);
        env.put("SERVER_PORT", Integer.toString(port));
        return env;
    }

    static String persistedTopic(IngestFixture fixture) {
        String persisted = fixture.topic() + ".persisted";
        fixture.stack().createTopic(persisted, 3);
        return persisted;
    }

    /** Each message's last revision: what the next stage must have seen once all is done. */
    static Set<Announced> finalRevisions(List<MessageWrite> events) {
        Map<UUID, Integer> last = new HashMap<>();
        events.forEach(event -> last.merge(event.messageId(), event.revision(), Math::max));
        Set<Announced> finals = new HashSet<>();
        last.forEach((message, revision) -> finals.add(new Announced(message, revision)));
        return finals;
    }

    private static long count(String text, String needle) {
        return text.lines().filter(line -> line.contains(needle)).count();
    }
}
