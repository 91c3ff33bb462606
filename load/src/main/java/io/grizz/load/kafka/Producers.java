package io.grizz.load.kafka;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The harness's Kafka producers: durable like a real upstream service (acks=all, idempotent, so no reordering). */
public final class Producers {

    private Producers() {}

    /**
     * For writers that each wait for their acknowledgement: Kafka 4's default linger of 5 ms, which a real upstream
     * service would have too. Shorter lingers mean many small produce requests, whose cost on a small machine is
     * taken from the worker and PostgreSQL being measured.
     */
    public static Producer<byte[], byte[]> forWriters(String bootstrapServers, Compression compression) {
        return create(bootstrapServers, "5", "grizz-load-writers", compression);
    }

    /** For filling a topic as fast as possible from one thread: bigger batches. */
    public static Producer<byte[], byte[]> forPrefill(String bootstrapServers, Compression compression) {
        return create(bootstrapServers, "10", "grizz-load-prefill", compression);
    }

    private static Producer<byte[], byte[]> create(
            String bootstrapServers, String lingerMs, String clientId, Compression compression) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        clientId,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        "true",
                        ProducerConfig.LINGER_MS_CONFIG,
                        lingerMs,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        Integer.toString(256 * 1024),
                        ProducerConfig.BUFFER_MEMORY_CONFIG,
                        Long.toString(128L * 1024 * 1024),
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        compression.name()),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }
}
