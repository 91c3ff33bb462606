package io.grizz.worker.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker commits nothing it has not written: sampled all along a drill, each partition's committed offset of
 * the worker's group, then the rows in the database; at the end, every event below a sampled committed offset must
 * be stored at its revision or a later one. The offsets are read before the rows, and rows only ever move forward,
 * so a sample can only err towards passing an offset that was committed after its rows were written, never the
 * other way.
 */
public final class CommitAudit implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration EVERY = Duration.ofSeconds(1);

    private record Sample(Map<TopicPartition, Long> committed, Map<UUID, Integer> stored) {}

    /** A valid event as the source topic holds it. */
    private record Written(UUID messageId, int revision) {}

    private static final Written NOT_AN_EVENT = new Written(new UUID(0, 0), 0);

    private final IngestFixture fixture;
    private final List<Sample> samples = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger unreadable = new AtomicInteger();
    private final Thread sampler;

    public CommitAudit(IngestFixture fixture) {
        this.fixture = fixture;
        sampler = new Thread(this::sampleUntilClosed, "commit-audit");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sampleUntilClosed() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.kafkaBootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(config)) {
            while (running.get()) {
                try {
                    Map<TopicPartition, Long> committed = new HashMap<>();
                    admin.listConsumerGroupOffsets(fixture.consumerGroup())
                            .partitionsToOffsetAndMetadata()
                            .get(3, TimeUnit.SECONDS)
                            .forEach((partition, offset) -> committed.put(partition, offsetOf(offset)));
                    Map<UUID, Integer> stored = new HashMap<>();
                    fixture.jdbc().query("SELECT id, revision FROM messages", row -> {
                        stored.put(row.getObject(1, UUID.class), row.getInt(2));
                    });
                    synchronized (samples) {
                        samples.add(new Sample(committed, stored));
                    }
                } catch (Exception unavailable) {
                    // the coordinator or the database away: no sample this time
                    unreadable.incrementAndGet();
                }
                Drill.sleep(EVERY);
            }
        }
    }

    private static long offsetOf(OffsetAndMetadata offset) {
        return offset == null ? 0 : offset.offset();
    }

    /** Samples taken, and attempts that found the coordinator or the database unavailable. */
    public String summary() {
        synchronized (samples) {
            return samples.size() + " samples, " + unreadable.get() + " attempts unanswered";
        }
    }

    /** Stops sampling; then reads the source topic and checks every sample against it. */
    public void assertNothingCommittedUnwritten() {
        close();
        Map<TopicPartition, Map<Long, Written>> topic = readSourceTopic();
        List<Sample> taken;
        synchronized (samples) {
            taken = List.copyOf(samples);
        }
        assertThat(taken).as("samples of the committed offsets").isNotEmpty();
        for (Sample sample : taken) {
            sample.committed().forEach((partition, committed) -> {
                topic.getOrDefault(partition, Map.of()).forEach((offset, event) -> {
                    if (offset >= committed || event == NOT_AN_EVENT) {
                        return; // not committed yet, or a malformed record: the DLT's check
                    }
                    Integer stored = sample.stored().get(event.messageId());
                    assertThat(stored)
                            .as(partition + "@" + offset + " committed (" + committed + ") before " + event
                                    + " was stored")
                            .isNotNull()
                            .isGreaterThanOrEqualTo(event.revision());
                });
            });
        }
    }

    /** Each partition's records by offset: the event's identity, or {@link #NOT_AN_EVENT}. */
    private Map<TopicPartition, Map<Long, Written>> readSourceTopic() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.kafkaBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Map<TopicPartition, Map<Long, Written>> records = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(fixture.topic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime())
                        .as("source topic read back in time")
                        .isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records.computeIfAbsent(
                                    new TopicPartition(record.topic(), record.partition()), p -> new HashMap<>())
                            .put(record.offset(), written(record.value()));
                }
            }
        }
        return records;
    }

    private static Written written(byte[] value) {
        try {
            JsonNode body = JSON.readTree(value);
            return new Written(
                    UUID.fromString(body.get("message_id").asString()),
                    body.get("revision").asInt());
        } catch (RuntimeException notAnEvent) {
            return NOT_AN_EVENT;
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            sampler.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
