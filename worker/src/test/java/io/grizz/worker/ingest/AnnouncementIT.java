package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.EventType;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.Role;
import io.grizz.worker.support.Announcements;
import io.grizz.worker.support.Announcements.Announced;
import io.grizz.worker.support.Drill;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.TopicConfigs;
import io.grizz.worker.support.WorkerProcess;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/contract.md §3, persisted notifications: every applied event is announced at least once,
 * whatever stops a batch between its commit and its announcements. In each drill the set of
 * {@code (message_id, revision)} announced holds every row written, none missing.
 */
class AnnouncementIT {

    @Test
    void theNotificationTopicDeletedFor20SecondsMidStreamLosesNoAnnouncement() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("announce_gone", 3)) {
            String persisted = persistedTopic(fixture, 3);
            fixture.startWorker(Map.of("grizz.persisted-topic", persisted));
            Set<Announced> announced = new HashSet<>();
            List<MessageWrite> before = writes(40);
            try (Announcements announcements = new Announcements(fixture.stack().kafkaBootstrapServers(), persisted)) {
                fixture.send(before);
                awaitAnnounced(fixture, announcements, before.size());
                announced.addAll(announcements.seen());
            }
            // the next stage would read the new topic from its start; so does a new reader
            deleteTopic(fixture, persisted);
            List<MessageWrite> during = writes(40);
            fixture.send(during);
            Drill.sleep(Duration.ofSeconds(20));
            fixture.stack().createTopic(persisted, 3);
            try (Announcements announcements = new Announcements(fixture.stack().kafkaBootstrapServers(), persisted)) {
                List<MessageWrite> after = writes(20);
                fixture.send(after);
                fixture.awaitCount(before.size() + during.size() + after.size(), "SELECT count(*) FROM messages");
                awaitAnnounced(fixture, announcements, during.size() + after.size());
                assertEveryRowAnnounced(fixture, () -> union(announced, announcements.seen()));
            }
        }
    }

    private static Set<Announced> union(Set<Announced> a, Set<Announced> b) {
        Set<Announced> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The window between a batch's commit and its announcements, held open from outside: the notification topic
     * refuses every record ({@code max.message.bytes} 16), so the batch commits, fails at its announcements and
     * is retried; the process is killed there. The next worker, with the topic taking records again, announces
     * every stored row.
     */
    @Test
    void aWorkerKilledBetweenItsCommitAndItsAnnouncementsHasThemSentByTheNextOne() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("announce_kill", 1)) {
            String persisted = persistedTopic(fixture, 1);
            String servers = fixture.stack().kafkaBootstrapServers();
            Map<String, String> env = new HashMap<>(fixture.environment());
            env.put("GRIZZ_PERSISTED_TOPIC", persisted);
            try (Announcements announcements = new Announcements(servers, persisted)) {
                List<MessageWrite> events = writes(30);
                TopicConfigs.maxMessageBytes(servers, persisted, 16);
                try (WorkerProcess first = WorkerProcess.start(env)) {
                    fixture.send(events);
                    fixture.awaitTrue(() -> fixture.count("SELECT count(*) FROM messages") > 0);
                    Drill.sleep(Duration.ofSeconds(2));
                    assertThat(announcements.seen())
                            .as("nothing announced before the kill")
                            .isEmpty();
                    first.kill();
                }
                assertThat(fixture.count("SELECT count(*) FROM messages"))
                        .as("rows committed by the killed worker")
                        .isPositive();
                TopicConfigs.restoreMaxMessageBytes(servers, persisted);
                try (WorkerProcess second = WorkerProcess.start(env)) {
                    fixture.awaitCount(events.size(), "SELECT count(*) FROM messages");
                    awaitAnnounced(fixture, announcements, events.size());
                    assertEveryRowAnnounced(fixture, announcements);
                    assertThat(second.isAlive()).isTrue();
                }
            }
        }
    }

    @Test
    void aDeadLetterFailingAfterTheCommitLeavesTheBatchsAnnouncementsToItsRetry() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("announce_dlt", 1)) {
            String persisted = persistedTopic(fixture, 1);
            ConfigurableApplicationContext worker = fixture.startWorker(Map.of("grizz.persisted-topic", persisted));
            try (Announcements announcements = new Announcements(fixture.stack().kafkaBootstrapServers(), persisted)) {
                List<MessageWrite> warmUp = writes(5);
                fixture.send(warmUp);
                awaitAnnounced(fixture, announcements, warmUp.size());

                // the dead-letter topic gone: a batch holding a bad record commits, then fails at its dead letter
                deleteTopic(fixture, fixture.deadLetterTopic());
                List<MessageWrite> events = writes(20);
                for (MessageWrite event : events.subList(0, 10)) {
                    fixture.send(event);
                }
                fixture.sendRaw(UUID.randomUUID().toString(), "not json".getBytes());
                for (MessageWrite event : events.subList(10, 20)) {
                    fixture.send(event);
                }
                IngestCircuitBreaker circuit = worker.getBean(IngestCircuitBreaker.class);
                fixture.awaitTrue(() -> circuit.state() != IngestCircuitBreaker.State.CLOSED);
                fixture.stack().createTopic(fixture.deadLetterTopic(), 1);

                fixture.awaitCount(warmUp.size() + events.size(), "SELECT count(*) FROM messages");
                assertThat(fixture.deadLetters(1)).hasSize(1);
                fixture.awaitTrue(() -> circuit.state() == IngestCircuitBreaker.State.CLOSED);
                awaitAnnounced(fixture, announcements, warmUp.size() + events.size());
                assertEveryRowAnnounced(fixture, announcements);
            }
        }
    }

    @Test
    void theEdgesOfTimeAreAppliedAnnouncedAndMeasured() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("announce_time", 1)) {
            String persisted = persistedTopic(fixture, 1);
            ConfigurableApplicationContext worker = fixture.startWorker(Map.of("grizz.persisted-topic", persisted));
            MeterRegistry meters = worker.getBean(MeterRegistry.class);
            Map<String, Instant> times = Map.of(
                    "0001-01-01T00:00:00Z", Instant.parse("0001-01-01T00:00:00Z"),
                    "9999-12-31T23:59:59.999999Z", Instant.parse("9999-12-31T23:59:59.999999Z"),
                    "2026-07-01T10:00Z", Instant.parse("2026-07-01T10:00:00Z"),
                    "2026-07-01T10:00+02:00", Instant.parse("2026-07-01T08:00:00Z"));
            Map<UUID, Instant> expected = new HashMap<>();
            try (Announcements announcements = new Announcements(fixture.stack().kafkaBootstrapServers(), persisted)) {
                for (Map.Entry<String, Instant> time : times.entrySet()) {
                    UUID conversation = UUID.randomUUID();
                    UUID message = UUID.randomUUID();
                    String value = """
                            {"schema_version":1,"event_id":"%s","type":"message.created","occurred_at":"%s",\
                            "message_id":"%s","conversation_id":"%s","user_id":"%s","revision":1,"role":"user",\
                            "content":"at %s"}""".formatted(
                            UUID.randomUUID(), time.getKey(), message, conversation, UUID.randomUUID(), time.getKey());
                    fixture.sendRaw(conversation.toString(), value.getBytes());
                    expected.put(message, time.getValue());
                }
                fixture.flush();
                fixture.awaitCount(times.size(), "SELECT count(*) FROM messages");
                for (Map.Entry<UUID, Instant> row : expected.entrySet()) {
                    assertThat(fixture.jdbc()
                                    .queryForObject(
                                            "SELECT created_at = ?::timestamptz AND updated_at = created_at "
                                                    + "FROM messages WHERE id = ?",
                                            Boolean.class,
                                            row.getValue().toString(),
                                            row.getKey()))
                            .as("stored exactly at " + row.getValue())
                            .isTrue();
                }
                awaitAnnounced(fixture, announcements, times.size());
                assertEveryRowAnnounced(fixture, announcements);
                assertThat(meters.timer("grizz.end.to.end.lag").count()).isEqualTo(times.size());
                assertThat(meters.counter("grizz.events.applied").count()).isEqualTo(times.size());
                assertThat(worker.getBean(IngestCircuitBreaker.class).lastFailure())
                        .isNull();
                assertThat(fixture.deadLetters(0)).isEmpty();
            }
        }
    }

    /** The fixture's notification topic, created. */
    private static String persistedTopic(IngestFixture fixture, int partitions) {
        String persisted = fixture.topic() + ".persisted";
        fixture.stack().createTopic(persisted, partitions);
        return persisted;
    }

    /** Created, updated and deleted events over a few conversations, each message written once. */
    private static List<MessageWrite> writes(int count) {
        List<MessageWrite> events = new ArrayList<>();
        UUID user = UUID.randomUUID();
        List<UUID> conversations = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (int i = 0; i < count; i++) {
            UUID conversation = conversations.get(i % conversations.size());
            UUID message = UUID.randomUUID();
            events.add(
                    switch (i % 3) {
                        case 0 -> Events.created(conversation, user, message, 1, "created " + i);
                        case 1 ->
                            new MessageWrite(
                                    UUID.randomUUID(),
                                    EventType.UPDATED,
                                    Events.at(i),
                                    message,
                                    conversation,
                                    user,
                                    2,
                                    Role.ASSISTANT,
                                    "updated " + i,
                                    "{\"i\":" + i + "}");
                        default -> Events.deleted(conversation, user, message, 3);
                    });
        }
        return events;
    }

    private static void awaitAnnounced(IngestFixture fixture, Announcements announcements, int atLeast) {
        fixture.awaitTrue(() -> announcements.seen().size() >= atLeast);
    }

    /** Every stored row's {@code (id, revision)} was announced, and nothing was announced that is not stored. */
    private static void assertEveryRowAnnounced(IngestFixture fixture, Announcements announcements) {
        assertEveryRowAnnounced(fixture, announcements::seen);
    }

    private static void assertEveryRowAnnounced(IngestFixture fixture, Supplier<Set<Announced>> announced) {
        Set<Announced> rows = new HashSet<>(fixture.jdbc()
                .query(
                        "SELECT id, revision FROM messages",
                        (row, i) -> new Announced(row.getObject(1, UUID.class), row.getInt(2))));
        fixture.awaitTrue(() -> announced.get().containsAll(rows));
        assertThat(announced.get()).as("announced (message_id, revision)").isEqualTo(rows);
    }

    private static void deleteTopic(IngestFixture fixture, String topic) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.stack().kafkaBootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
        // until the broker has forgotten it, creating it again fails
        Drill.sleep(Duration.ofSeconds(2));
    }
}
