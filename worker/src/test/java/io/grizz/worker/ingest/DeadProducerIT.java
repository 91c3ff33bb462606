package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.MessageWrite;
import io.grizz.worker.support.Announcements;
import io.grizz.worker.support.Announcements.Announced;
import io.grizz.worker.support.Drill;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A producer that fails anyway: its network thread dead, as KAFKA-8202's {@code StackOverflowError}
 * killed it, its sends never completing. The worker gives up on the batch after its bound, replaces
 * the producer and announces everything; a context closed meanwhile (what SIGTERM does) does not
 * wait for the dead producer. The thread is really killed ({@code Thread.stop}: an asynchronous
 * {@code ThreadDeath}, an {@code Error} like the stack overflow), in a worker in this JVM.
 */
class DeadProducerIT {

    private static final Logger log = LoggerFactory.getLogger(DeadProducerIT.class);
    private static final String NETWORK_THREAD = "kafka-producer-network-thread | grizz-worker-announcements";

    @Test
    void aProducerWhoseNetworkThreadDiedIsReplacedAndNothingIsLost() {
        try (IngestFixture fixture = IngestFixture.create("producer_dead", 3)) {
            String persisted = NotificationRefusalIT.persistedTopic(fixture);
            List<MessageWrite> all = new ArrayList<>();
            try (Announcements announcements = new Announcements(fixture.stack().kafkaBootstrapServers(), persisted)) {
                ConfigurableApplicationContext worker = fixture.startWorker(Map.of("grizz.persisted-topic", persisted));
                all.addAll(sendAndAwaitStored(fixture, Workload.of(5, 2, 1).events()));
                awaitAnnounced(fixture, announcements, all);

                Thread first = kill(NETWORK_THREAD);
                long killedAt = System.nanoTime();
                all.addAll(sendAndAwaitStored(fixture, Workload.of(5, 2, 1).events()));
                fixture.awaitTrue(() -> !first.isAlive());
                IngestCircuitBreaker circuit = worker.getBean(IngestCircuitBreaker.class);
                fixture.awaitTrue(() -> circuit.state() != IngestCircuitBreaker.State.CLOSED);
                awaitAnnounced(fixture, announcements, all);
                log.info(
                        "DEAD PRODUCER: replaced and everything announced {} ms after its network thread died",
                        (System.nanoTime() - killedAt) / 1_000_000);
                assertThat(networkThread(NETWORK_THREAD + "-2"))
                        .as("the successor's network thread")
                        .isNotNull();

                // dead again, and the context closed while a batch waits on it
                Thread second = kill(NETWORK_THREAD + "-2");
                all.addAll(sendAndAwaitStored(fixture, Workload.of(5, 2, 1).events()));
                fixture.awaitTrue(() -> !second.isAlive());
                Drill.sleep(Duration.ofSeconds(2));
                long closing = System.nanoTime();
                worker.close();
                Duration took = Duration.ofNanos(System.nanoTime() - closing);
                log.info("DEAD PRODUCER: context closed in {} ms with a batch waiting on it", took.toMillis());
                assertThat(took).isLessThan(Duration.ofSeconds(20));

                fixture.startWorker(Map.of("grizz.persisted-topic", persisted));
                awaitAnnounced(fixture, announcements, all);
            }
        }
    }

    /** Sends the events; returns once the worker has stored them (committed, maybe not yet announced). */
    private static List<MessageWrite> sendAndAwaitStored(IngestFixture fixture, List<MessageWrite> events) {
        fixture.send(events);
        fixture.awaitTrue(() -> events.stream()
                .allMatch(
                        event -> fixture.count("SELECT count(*) FROM messages WHERE id = ?", event.messageId()) == 1));
        return events;
    }

    private static void awaitAnnounced(IngestFixture fixture, Announcements announcements, List<MessageWrite> events) {
        Set<Announced> expected = NotificationRefusalIT.finalRevisions(events);
        fixture.awaitTrue(() -> announcements.seen().containsAll(expected));
    }

    /**
     * An {@code Error} thrown into the thread wherever it is, as a stack overflow would end it. It
     * lands once the thread runs Java code again: when the next send wakes it from its selector.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static Thread kill(String name) {
        Thread thread = networkThread(name);
        assertThat(thread).as("thread " + name).isNotNull();
        thread.stop();
        return thread;
    }

    private static Thread networkThread(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name) && thread.isAlive())
                .findFirst()
                .orElse(null);
    }
}
