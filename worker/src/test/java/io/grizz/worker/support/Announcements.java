package io.grizz.worker.support;

import io.grizz.contracts.Announcement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the worker announced on its persisted topic, read all along by a consumer of its own,
 * as the next stage would read it: the set of {@code (message_id, revision)} seen so far.
 */
public final class Announcements implements AutoCloseable {

    /** One announcement's identity, which the contract tells consumers to dedupe on. */
    public record Announced(UUID messageId, int revision) {}

    private final Set<Announced> seen = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;

    public Announcements(String bootstrapServers, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "announcements-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a topic deleted and created again is found again, from its start
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        reader = new Thread(() -> read(config, topic), "announcements-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Properties config, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Announcement announcement = Announcement.fromJson(record.value());
                    seen.add(new Announced(announcement.messageId(), announcement.revision()));
                }
            }
        }
    }

    public Set<Announced> seen() {
        return Set.copyOf(seen);
    }

    @Override
    public void close() {
        running.set(false);
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
