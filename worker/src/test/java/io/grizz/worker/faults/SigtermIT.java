package io.grizz.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.compose.process.FreePorts;
import io.grizz.compose.server.KafkaBroker;
import io.grizz.compose.server.PostgresServer;
import io.grizz.worker.support.Drill;
import io.grizz.worker.support.HealthProbe;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.TopicConfigs;
import io.grizz.worker.support.WorkerProcess;
import io.grizz.worker.support.Workload;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * docs/contract.md §7: SIGTERM exits 0 within 30 s in every state, also while the database or the
 * dead-letter topic refuses the worker (the notification topic: {@code NotificationRefusalIT}), and
 * commits nothing beyond what is in the database: a worker started afterwards ends exact.
 */
class SigtermIT {

    private static final Logger log = LoggerFactory.getLogger(SigtermIT.class);
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Test
    void withTheDatabaseDownItExitsZeroWithin30SecondsAndCommitsNothingUnwritten() {
        PostgresServer postgres = OutageIT.localPostgres();
        Workload workload = Workload.of(20, 3, 2);
        List<?> events = workload.events();
        try (IngestFixture fixture = IngestFixture.create("term_db", 3)) {
            int port = FreePorts.pick();
            try (WorkerProcess worker = WorkerProcess.start(environment(fixture, port))) {
                HealthProbe health = new HealthProbe(port);
                health.await("readiness", "UP", Duration.ofSeconds(90));
                fixture.send(workload.events().subList(0, events.size() / 2));
                fixture.awaitTrue(() -> fixture.count("SELECT count(*) FROM messages") > 0);
                postgres.stop();
                try {
                    fixture.send(workload.events().subList(events.size() / 2, events.size()));
                    health.await("readiness", "DOWN", Duration.ofSeconds(10));
                    Drill.sleep(Duration.ofSeconds(3));
                    assertExitsZero(worker, "the database down");
                } finally {
                    postgres.start();
                }
            }
            try (WorkerProcess next = WorkerProcess.start(fixture.environment())) {
                fixture.awaitCount(workload.messageCount(), "SELECT count(*) FROM messages WHERE revision = 2");
                workload.assertExactlyStoredIn(fixture.jdbc());
            }
        }
    }

    @Test
    void withTheDeadLetterTopicGoneItExitsZeroWithin30SecondsAndTheDeadLetterIsNotLost() {
        try (IngestFixture fixture = IngestFixture.create("term_dlt", 1)) {
            String servers = fixture.stack().kafkaBootstrapServers();
            int port = FreePorts.pick();
            try (WorkerProcess worker = WorkerProcess.start(environment(fixture, port))) {
                HealthProbe health = new HealthProbe(port);
                health.await("readiness", "UP", Duration.ofSeconds(90));
                // the broker creates no topic by itself: each dead letter now waits for metadata, then fails
                TopicConfigs.delete(servers, fixture.deadLetterTopic());
                Drill.sleep(Duration.ofSeconds(2));
                fixture.sendRaw(UUID.randomUUID().toString(), "not json".getBytes(StandardCharsets.UTF_8));
                fixture.flush();
                health.await("readiness", "DOWN", Duration.ofSeconds(30));
                Drill.sleep(Duration.ofSeconds(2));
                assertExitsZero(worker, "the dead-letter topic gone");
            }
            fixture.stack().createTopic(fixture.deadLetterTopic(), 1);
            try (WorkerProcess next = WorkerProcess.start(fixture.environment())) {
                assertThat(fixture.deadLetters(1))
                        .as("the bad record, dead-lettered by the next worker")
                        .hasSize(1);
            }
        }
    }

    /**
     * The broker frozen (SIGSTOP): nothing Kafka answers, the consumer's close waits for a
     * coordinator that does not reply. Exit 0 within 30 s still, by the orderly path or the
     * watchdog's halt (both are reported); a worker started once the broker runs again ends exact.
     */
    @Test
    void withTheBrokerFrozenItExitsZeroWithin30Seconds() throws Exception {
        KafkaBroker broker = OutageIT.localKafka();
        Workload workload = Workload.of(10, 3, 2);
        try (IngestFixture fixture = IngestFixture.create("term_frozen", 1)) {
            int port = FreePorts.pick();
            try (WorkerProcess worker = WorkerProcess.start(environment(fixture, port))) {
                HealthProbe health = new HealthProbe(port);
                health.await("readiness", "UP", Duration.ofSeconds(90));
                fixture.send(workload.events());
                signal("STOP", broker.pid());
                try {
                    Drill.sleep(Duration.ofSeconds(3));
                    long started = System.nanoTime();
                    assertThat(worker.terminate(WITHIN))
                            .as("exit code on SIGTERM with the broker frozen")
                            .isZero();
                    log.info(
                            "SIGTERM with the broker frozen: exited 0 after {} ms ({})",
                            (System.nanoTime() - started) / 1_000_000,
                            worker.logText().contains("halting with exit code 0")
                                    ? "the watchdog halted it"
                                    : "orderly");
                } finally {
                    signal("CONT", broker.pid());
                }
            }
            try (WorkerProcess next = WorkerProcess.start(fixture.environment())) {
                fixture.awaitCount(workload.messageCount(), "SELECT count(*) FROM messages WHERE revision = 2");
                workload.assertExactlyStoredIn(fixture.jdbc());
            }
        }
    }

    private static void signal(String name, long pid) throws Exception {
        // not inheritIO(): the test JVM's standard streams are Surefire's channel to its fork
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kill.waitFor()).as("kill -%s %d: %s", name, pid, output).isZero();
    }

    private static void assertExitsZero(WorkerProcess worker, String state) {
        long started = System.nanoTime();
        assertThat(worker.terminate(WITHIN))
                .as("exit code on SIGTERM with %s", state)
                .isZero();
        long took = (System.nanoTime() - started) / 1_000_000;
        log.info("SIGTERM with {}: exited 0 after {} ms", state, took);
        assertThat(worker.logText())
                .as("an orderly shutdown, not the watchdog's halt (%s)", worker.log())
                .doesNotContain("halting with exit code 0");
    }

    private static Map<String, String> environment(IngestFixture fixture, int port) {
        Map<String, String> env = new HashMap<>(fixture.environment());
        env.put("SERVER_PORT", Integer.toString(port));
        return env;
    }
}
