package io.grizz.worker.redrive;

import static io.grizz.worker.support.Events.created;
import static io.grizz.worker.support.IngestFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteEncoder;
import io.grizz.worker.support.IngestFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/operations.md, redrive: a dead letter goes back to the partition it came from, also when that is
 * not its key's (a producer with another partitioner put its conversation there); a dead letter the DLT
 * took without its value stays where it is, counted by reason.
 */
class RedrivePartitionIT {

    private static final MessageWriteEncoder ENCODER = new MessageWriteEncoder();

    @Test
    void aDeadLetterGoesBackToItsOwnPartitionAndOneWithoutItsValueStays() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("redrive_partition", 2);
                KafkaProducer<byte[], byte[]> producer = producer(fixture)) {
            fixture.startWorker();
            fixture.awaitSchema();
            fixture.jdbc()
                    .execute("ALTER TABLE messages ADD CONSTRAINT no_forbidden"
                            + " CHECK (content IS NULL OR content NOT LIKE '%FORBIDDEN%')");
            UUID user = UUID.randomUUID();
            MessageWrite refused = created(UUID.randomUUID(), user, UUID.randomUUID(), 1, "a FORBIDDEN word");
            byte[] key = refused.conversationId().toString().getBytes(StandardCharsets.UTF_8);
            int misrouted = 1 - BuiltInPartitioner.partitionForKey(key, 2);
            producer.send(new ProducerRecord<>(fixture.topic(), misrouted, key, ENCODER.encode(refused)))
                    .get();
            // 20 MiB of content, a few KiB compressed: the DLT takes it only without its value
            MessageWrite bomb = created(UUID.randomUUID(), user, UUID.randomUUID(), 1, "b".repeat(20 << 20));
            producer.send(new ProducerRecord<>(
                            fixture.topic(),
                            bomb.conversationId().toString().getBytes(StandardCharsets.UTF_8),
                            ENCODER.encode(bomb)))
                    .get();
            List<ConsumerRecord<byte[], byte[]>> dead = fixture.deadLetters(2);
            assertThat(dead)
                    .extracting(r -> header(r, "dlt-reason"))
                    .containsExactlyInAnyOrder("rejected_by_database", "too_large");
            assertThat(dead)
                    .anySatisfy(r -> assertThat(header(r, "dlt-value-omitted")).isNotNull());

            fixture.jdbc().execute("ALTER TABLE messages DROP CONSTRAINT no_forbidden");
            Map<TopicPartition, Long> before = endOffsets(fixture, fixture.topic());
            String out = redrive(fixture, "--reason", "rejected_by_database,too_large");

            assertThat(out)
                    .contains("-> " + fixture.topic() + " partition " + misrouted)
                    .contains("kept: sent to the DLT without its value")
                    .contains("2 of 2 dead letters read matched; 1 sent to " + fixture.topic())
                    .contains("left where they are, without their value: 1 too_large");
            fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", refused.messageId());
            Map<TopicPartition, Long> after = endOffsets(fixture, fixture.topic());
            assertThat(after.get(new TopicPartition(fixture.topic(), misrouted)))
                    .as("back on the partition it came from")
                    .isEqualTo(before.get(new TopicPartition(fixture.topic(), misrouted)) + 1);
            assertThat(after.get(new TopicPartition(fixture.topic(), 1 - misrouted)))
                    .as("nothing on its key's partition, nothing of the record without its value")
                    .isEqualTo(before.get(new TopicPartition(fixture.topic(), 1 - misrouted)));
            assertThat(fixture.count("SELECT count(*) FROM messages WHERE id = ?", bomb.messageId()))
                    .isZero();
        }
    }

    private static String redrive(IngestFixture fixture, String... args) {
        List<String> all = new ArrayList<>(
                List.of("--bootstrap-servers", fixture.stack().kafkaBootstrapServers(), "--topic", fixture.topic()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new RedriveCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
        assertThat(exitCode).as(err.toString()).isZero();
        return out.toString();
    }

    private static KafkaProducer<byte[], byte[]> producer(IngestFixture fixture) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.stack().kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 << 20);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Map<TopicPartition, Long> endOffsets(IngestFixture fixture, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.stack().kafkaBootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            return consumer.endOffsets(partitions);
        }
    }
}
