package io.grizz.compose.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three real brokers: replicated topics, a leader's crash survived. Two brokers down at once are the worker's drill
 * ({@code KafkaClusterFailoverIT}).
 */
class KafkaClusterTest {

    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaCluster.start(3, KafkaBroker.Options.defaults());
    }

    @AfterAll
    static void closeCluster() {
        cluster.close();
        assertThat(cluster.isRunning()).isFalse();
    }

    @Test
    void topicsAreReplicatedThreeTimesAndNeedTwoInSyncReplicas() throws Exception {
        cluster.createTopic("replicated", 3);
        try (Admin admin = KafkaTopics.admin(cluster.bootstrapServers())) {
            TopicDescription topic = admin.describeTopics(List.of("replicated"))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get("replicated");
            assertThat(topic.partitions())
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(KafkaCluster.REPLICATION_FACTOR));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "replicated");
            String minInSync = admin.describeConfigs(Set.of(resource))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(resource)
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                    .value();
            assertThat(minInSync).isEqualTo(Integer.toString(KafkaCluster.MIN_IN_SYNC_REPLICAS));
        }
        assertThat(cluster.leaders("replicated").values()).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void aCrashedLeaderLosesNoAcknowledgedRecordAndComesBack() {
        cluster.createTopic("failover", 1);
        produce("failover", "before-crash", 10_000);
        KafkaBroker leader = cluster.leaderOfMost("failover");

        leader.kill();
        produce("failover", "while-down", 30_000);
        leader.start();

        assertThat(consumeAll("failover", 2)).containsExactly("before-crash", "while-down");
        assertThat(cluster.leaders("failover").get(0)).isPositive();
    }

    /** Sends one record and waits for its acknowledgement (acks=all) up to {@code timeoutMillis}. */
    private static void produce(String topic, String value, int timeoutMillis) {
        KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        timeoutMillis,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        Math.min(timeoutMillis, 5_000),
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        timeoutMillis),
                new StringSerializer(),
                new StringSerializer());
        try {
            // the future's own wait: an idempotent producer waiting for its producer id does not expire its batch
            producer.send(new ProducerRecord<>(topic, "key", value)).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not produce " + value + " to " + topic, e);
        } finally {
            // without a timeout, close waits for a producer id that a cluster without a quorum never hands out
            producer.close(Duration.ofSeconds(1));
        }
    }

    private static List<String> consumeAll(String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
