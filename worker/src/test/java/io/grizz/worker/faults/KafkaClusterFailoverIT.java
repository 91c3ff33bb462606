package io.grizz.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.compose.server.KafkaBroker;
import io.grizz.compose.server.KafkaCluster;
import io.grizz.worker.support.Announcements;
import io.grizz.worker.support.Announcements.Announced;
import io.grizz.worker.support.CommitAudit;
import io.grizz.worker.support.Drill;
import io.grizz.worker.support.HealthProbe;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.SteadyPublisher;
import io.grizz.worker.support.Workload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The worker on a Kafka cluster of three brokers (replication factor 3, {@code min.insync.replicas} 2), the
 * brokers crashed under it while events flow: the leader of the source partitions, of the dead-letter topic, of
 * the notification topic, and then two brokers of three at once. Each drill ends with every event applied exactly
 * as the workload's oracle says, every malformed record on the DLT (once or more) and nothing else there, every
 * stored state announced, the worker ready again, and no offset committed, at any moment sampled, for an event the
 * database did not hold.
 *
 * <p>The number of events is {@code -Dgrizz.test.failover-events} (default {@value #DEFAULT_EVENTS}, as the issue
 * asks). A drill lasts as long as its faults, whatever the number: publishing is spread over
 * {@link #PUBLISHING}, about 330 events/s at the default, so that events flow through every fault.
 */
class KafkaClusterFailoverIT {

    private static final Logger log = LoggerFactory.getLogger(KafkaClusterFailoverIT.class);
    private static final int DEFAULT_EVENTS = 50_000;
    private static final int EVENTS = Integer.getInteger("grizz.test.failover-events", DEFAULT_EVENTS);
    /** Publishing lasts this long, so events still flow when the last broker of a drill is crashed. */
    private static final Duration PUBLISHING = Duration.ofSeconds(150);

    private static final Duration DOWN = Duration.ofSeconds(20);
    private static final int BAD_EVERY = 500;
    private static final int PARTITIONS = 6;

    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaCluster.start(3, KafkaBroker.Options.defaults());
    }

    @AfterAll
    static void closeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theDeadLetterTopicTakesTheSourcesReplicationFactorAndMinInSyncReplicas() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("dlt_replicas", 2, cluster);
                Admin admin = admin()) {
            // not the cluster's default (2), so a copy is told from a default
            setTopicConfig(admin, fixture.topic(), TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "3");
            ConfigurableApplicationContext worker = fixture.startWorker();
            assertProducersWaitForEveryReplica(worker);
            fixture.awaitTrue(() -> describe(admin, fixture.deadLetterTopic()) != null);

            TopicDescription dlt = describe(admin, fixture.deadLetterTopic());
            assertThat(dlt.partitions())
                    .hasSize(2)
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(KafkaCluster.REPLICATION_FACTOR));
            ConfigEntry minInSync =
                    topicConfig(admin, fixture.deadLetterTopic()).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            assertThat(minInSync.value()).isEqualTo("3");
            assertThat(minInSync.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
    }

    @Test
    void theLeadersOfTheSourceTheDltAndTheNotificationTopicCrashedInTurnLoseNothing() {
        try (IngestFixture fixture = IngestFixture.create("failover", PARTITIONS, cluster)) {
            String persisted = fixture.topic() + ".persisted";
            cluster.createTopic(persisted, 3);
            ConfigurableApplicationContext worker = fixture.startWorker(Map.of("grizz.persisted-topic", persisted));
            Workload workload = Workload.of(EVENTS / 25, 5, 5);
            SteadyPublisher publisher = new SteadyPublisher(fixture, workload, rate(), BAD_EVERY);
            try (Announcements announcements = new Announcements(fixture.kafkaBootstrapServers(), persisted);
                    CommitAudit audit = new CommitAudit(fixture)) {
                publisher.start().awaitProgress(500);

                crashLeaderFor20Seconds(fixture, publisher, fixture.topic());
                crashLeaderFor20Seconds(fixture, publisher, fixture.deadLetterTopic());
                crashLeaderFor20Seconds(fixture, publisher, persisted);

                assertCompleteAndExact(fixture, worker, workload, publisher, "leaders crashed in turn");
                Set<Announced> rows = new HashSet<>(fixture.jdbc()
                        .query(
                                "SELECT id, revision FROM messages",
                                (row, i) -> new Announced(row.getObject(1, UUID.class), row.getInt(2))));
                fixture.awaitTrue(() -> announcements.seen().containsAll(rows));
                audit.assertNothingCommittedUnwritten();
                log.info("leaders crashed in turn: commit audit {}", audit.summary());
            }
        }
    }

    @Test
    void twoBrokersOfThreeDownFor20SecondsTheWorkerHoldsAndResumesByItself() {
        try (IngestFixture fixture = IngestFixture.create("below_isr", PARTITIONS, cluster)) {
            ConfigurableApplicationContext worker = fixture.startWorker();
            HealthProbe health = new HealthProbe(worker);
            Workload workload = Workload.of(EVENTS / 2 / 25, 5, 5);
            SteadyPublisher publisher = new SteadyPublisher(fixture, workload, rate() / 2, BAD_EVERY);
            try (CommitAudit audit = new CommitAudit(fixture)) {
                publisher.start().awaitProgress(500);
                KafkaBroker survivor = cluster.leaderOfMost(fixture.topic());
                List<KafkaBroker> crashed = cluster.brokers().stream()
                        .filter(broker -> broker != survivor)
                        .toList();

                log.info("crashing {} of 3 brokers, {} left", crashed.size(), survivor);
                crashed.forEach(KafkaBroker::kill);
                long stored = fixture.count("SELECT count(*) FROM messages");
                long deadline = System.nanoTime() + DOWN.toNanos();
                while (System.nanoTime() < deadline) {
                    assertThat(worker.isRunning()).as("the worker holds").isTrue();
                    assertThat(health.is("liveness", "UP"))
                            .as("liveness while Kafka cannot take a write: " + health.body("liveness"))
                            .isTrue();
                    Drill.sleep(Duration.ofSeconds(1));
                }
                log.info(
                        "two brokers down for {} s: {} rows stored during it; readiness {}",
                        DOWN.toSeconds(),
                        fixture.count("SELECT count(*) FROM messages") - stored,
                        health.body("readiness"));
                restartTogether(crashed);

                assertCompleteAndExact(fixture, worker, workload, publisher, "two brokers of three down");
                audit.assertNothingCommittedUnwritten();
                log.info("two brokers down: commit audit {}", audit.summary());
            }
        }
    }

    /** Events per second so that publishing lasts {@link #PUBLISHING}. */
    private static int rate() {
        return (int) Math.max(50, EVENTS / PUBLISHING.toSeconds());
    }

    /** SIGKILL to the broker leading the most partitions of {@code topic}, started again 20 s later. */
    private static void crashLeaderFor20Seconds(IngestFixture fixture, SteadyPublisher publisher, String topic) {
        assertThat(publisher.isDone())
                .as("events still flow when the leader of " + topic + " crashes")
                .isFalse();
        KafkaBroker leader = cluster.leaderOfMost(topic);
        log.info("crashing {}, the leader of most of {}: {}", leader, topic, cluster.leaders(topic));
        long before = fixture.count("SELECT count(*) FROM messages WHERE revision = 5");
        leader.kill();
        Drill.sleep(DOWN);
        leader.start();
        // the next fault lands on a worker that is draining again
        fixture.awaitTrue(() -> fixture.count("SELECT count(*) FROM messages WHERE revision = 5") > before);
        log.info("{} back; leaders of {} now {}", leader, topic, cluster.leaders(topic));
    }

    /** Started in parallel: one alone would do (a quorum is two), but neither waits for the other then. */
    private static void restartTogether(List<KafkaBroker> brokers) {
        brokers.stream()
                .map(broker -> CompletableFuture.runAsync(broker::start))
                .toList()
                .forEach(CompletableFuture::join);
    }

    /**
     * Every message at its last revision, row for row; on the DLT every malformed record, nothing else (no valid
     * record is dead-lettered for a broker's crash); the worker ready again.
     */
    private static void assertCompleteAndExact(
            IngestFixture fixture,
            ConfigurableApplicationContext worker,
            Workload workload,
            SteadyPublisher publisher,
            String fault) {
        publisher.join();
        try {
            fixture.awaitCount(
                    Duration.ofSeconds(120),
                    workload.messageCount(),
                    "SELECT count(*) FROM messages WHERE revision = 5");
        } catch (RuntimeException e) {
            throw new AssertionError(fault + ": not everything persisted\n" + fixture.diagnose(), e);
        }
        workload.assertExactlyStoredIn(fixture.jdbc());

        List<String> bad = publisher.badRecords();
        List<ConsumerRecord<byte[], byte[]>> dead = fixture.deadLetters(bad.size());
        List<String> bodies = dead.stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
        assertThat(dead)
                .as("only malformed records are dead-lettered")
                .allSatisfy(
                        r -> assertThat(IngestFixture.header(r, "dlt-reason")).isEqualTo("malformed"));
        assertThat(bodies).as("every malformed record on the DLT, once or more").containsAll(bad);
        assertThat(Set.copyOf(bodies)).as("nothing else on the DLT").isEqualTo(Set.copyOf(bad));

        new HealthProbe(worker).await("readiness", "UP", Duration.ofSeconds(60));
        assertThat(worker.isRunning()).isTrue();
        Double longestPause = fixture.jdbc().queryForObject("""
                SELECT extract(epoch FROM max(gap)) FROM (
                  SELECT persisted_at - lag(persisted_at) OVER (ORDER BY persisted_at) AS gap
                    FROM (SELECT DISTINCT persisted_at FROM messages) t) g""", Double.class);
        log.info(
                "{}: {} events exact, {} malformed records on the DLT as {} dead letters; longest pause between "
                        + "commits {} s",
                fault,
                workload.events().size(),
                bad.size(),
                dead.size(),
                String.format("%.1f", longestPause));
    }

    /** Announcements and dead letters are acknowledged by every in-sync replica, and never written twice. */
    private static void assertProducersWaitForEveryReplica(ConfigurableApplicationContext worker) {
        @SuppressWarnings("unchecked")
        Map<String, Object> producer = worker.getBean(ProducerFactory.class).getConfigurationProperties();
        assertThat(String.valueOf(producer.get(ProducerConfig.ACKS_CONFIG))).isIn("all", "-1");
        assertThat(String.valueOf(producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)))
                .isEqualTo("true");
    }

    private static Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        return Admin.create(config);
    }

    private static TopicDescription describe(Admin admin, String topic) {
        try {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic);
        } catch (Exception notYet) {
            return null;
        }
    }

    private static Config topicConfig(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(Set.of(resource))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get(resource);
    }

    private static void setTopicConfig(Admin admin, String topic, String name, String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(
                        resource, List.of(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET))))
                .all()
                .get(10, TimeUnit.SECONDS);
    }
}
