package io.grizz.worker.ingest;

import static io.grizz.worker.support.IngestFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.worker.support.Events;
import io.grizz.worker.support.IngestFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * docs/contract.md §3, dead letters: a record the dead-letter topic refuses for good must not
 * stall its partition. It goes to the DLT without its value (and {@code dlt-value-omitted}), and
 * the valid records behind it in the same partition are applied within seconds.
 */
class DeadLetterRefusalIT {

    @Test
    void recordsTheDeadLetterTopicRefusesEndOnItWithoutTheirValueAndThePartitionMovesOn() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("dlt_refused", 1)) {
            // an event limit above both records below (the test broker's max.message.bytes is 8 MiB), so that what
            // this test is about decides: the dead-letter topic's own refusal (DecodedBytesBoundIT: the limit's)
            fixture.startWorker(Map.of("grizz.max-event-bytes", 32 << 20));
            UUID conversation = UUID.randomUUID();
            UUID user = UUID.randomUUID();

            // 20 MiB of content, zstd-compressed by its producer to a few KiB: the broker takes it
            byte[] bomb = event(conversation, user, "a".repeat(20 << 20));
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.stack().kafkaBootstrapServers());
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
            config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 << 20);
            config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20);
            try (KafkaProducer<byte[], byte[]> zstd =
                    new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
                zstd.send(new ProducerRecord<>(fixture.topic(), key(conversation), bomb))
                        .get();
            }
            // just under the topic's max.message.bytes: the DLT's headers would push it over, were it not compressed
            int limit = Integer.parseInt(topicConfig(fixture, fixture.topic(), TopicConfig.MAX_MESSAGE_BYTES_CONFIG));
            byte[] random = new byte[(limit - 8 * 1024) * 3 / 4];
            new Random(1).nextBytes(random);
            byte[] nearLimit = event(conversation, user, Base64.getEncoder().encodeToString(random));
            fixture.sendRaw(conversation.toString(), nearLimit);
            fixture.flush();

            UUID after = UUID.randomUUID();
            fixture.send(Events.created(conversation, user, after, 1, "behind the refused ones"));
            fixture.awaitCount(Duration.ofSeconds(30), 1, "SELECT count(*) FROM messages WHERE id = ?", after);

            List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.deadLetters(2);
            assertThat(deadLetters).hasSize(2);
            ConsumerRecord<byte[], byte[]> first = deadLetters.get(0);
            assertThat(header(first, "dlt-reason")).isEqualTo("too_large");
            assertThat(first.value()).isEmpty();
            assertThat(header(first, "dlt-value-omitted")).isEqualTo(Integer.toString(bomb.length));
            assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo(conversation.toString());
            assertThat(header(first, "kafka_dlt-original-topic")).isEqualTo(fixture.topic());
            ConsumerRecord<byte[], byte[]> second = deadLetters.get(1);
            assertThat(header(second, "dlt-reason")).isEqualTo("too_large");
            assertThat(second.value())
                    .as("compressed, it fits with its headers")
                    .isEqualTo(nearLimit);
        }
    }

    @Test
    void aRecordWhoseKeyIsTooLargeForTheDeadLetterProducerEndsOnItWithoutKeyAndValue() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("dlt_key_refused", 1)) {
            int maxRequestBytes = 1 << 20;
            fixture.startWorker(Map.of("grizz.ingest.dead-letter-max-request-bytes", maxRequestBytes));
            UUID conversation = UUID.randomUUID();
            UUID user = UUID.randomUUID();

            // a key larger than the dead-letter producer's max.request.size: refused with or without the value
            String hugeKey = "k".repeat(2 * maxRequestBytes);
            byte[] value = event(conversation, user, "a key that is no conversation id");
            fixture.sendRaw(hugeKey, value);
            UUID after = UUID.randomUUID();
            fixture.send(Events.created(conversation, user, after, 1, "behind the refused one"));
            fixture.awaitCount(Duration.ofSeconds(30), 1, "SELECT count(*) FROM messages WHERE id = ?", after);

            assertThat(fixture.deadLetters(1)).singleElement().satisfies(deadLetter -> {
                assertThat(header(deadLetter, "dlt-reason")).isEqualTo("key_mismatch");
                assertThat(deadLetter.key()).isEmpty();
                assertThat(deadLetter.value()).isEmpty();
                assertThat(header(deadLetter, "dlt-key-omitted")).isEqualTo(Integer.toString(hugeKey.length()));
                assertThat(header(deadLetter, "dlt-value-omitted")).isEqualTo(Integer.toString(value.length));
                assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(fixture.topic());
            });
        }
    }

    @Test
    void anExistingDeadLetterTopicWithASmallerRecordLimitIsRaisedAtStartUp() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("dlt_raised", 1)) {
            try (Admin admin = admin(fixture)) {
                admin.createTopics(Set.of(new NewTopic(fixture.deadLetterTopic(), 1, (short) 1)
                                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "100000"))))
                        .all()
                        .get();
            }
            String sourceLimit = topicConfig(fixture, fixture.topic(), TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            fixture.startWorker();
            fixture.awaitTrue(
                    () -> topicConfig(fixture, fixture.deadLetterTopic(), TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
                            .equals(sourceLimit));
        }
    }

    @Test
    void aDeadLetterTopicTheWorkerCreatesHasTheSourcesShapeAndTheConfiguredRetention() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("dlt_created", 2)) {
            fixture.startWorker(Map.of("grizz.ingest.dead-letter-retention", "7d"));
            fixture.awaitTrue(() -> topicConfig(fixture, fixture.deadLetterTopic(), TopicConfig.RETENTION_MS_CONFIG)
                    .equals(Long.toString(Duration.ofDays(7).toMillis())));
            assertThat(topicConfig(fixture, fixture.deadLetterTopic(), TopicConfig.MAX_MESSAGE_BYTES_CONFIG))
                    .isEqualTo(topicConfig(fixture, fixture.topic(), TopicConfig.MAX_MESSAGE_BYTES_CONFIG));
            try (Admin admin = admin(fixture)) {
                assertThat(admin.describeTopics(Set.of(fixture.deadLetterTopic()))
                                .allTopicNames()
                                .get()
                                .get(fixture.deadLetterTopic())
                                .partitions())
                        .hasSize(2);
            }
        }
    }

    private static byte[] event(UUID conversation, UUID user, String content) {
        return ("{\"schema_version\":1,\"event_id\":\"" + UUID.randomUUID() + "\",\"type\":\"message.created\","
                        + "\"occurred_at\":\"2026-07-01T10:00:00Z\",\"message_id\":\"" + UUID.randomUUID()
                        + "\",\"conversation_id\":\"" + conversation + "\",\"user_id\":\"" + user
                        + "\",\"revision\":1,\"role\":\"user\",\"content\":\"" + content + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] key(UUID conversation) {
        return conversation.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Admin admin(IngestFixture fixture) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.stack().kafkaBootstrapServers());
        return Admin.create(config);
    }

    private static String topicConfig(IngestFixture fixture, String topic, String name) {
        try (Admin admin = admin(fixture)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(Set.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get(name)
                    .value();
        } catch (Exception e) {
            return "unknown: " + e;
        }
    }
}
