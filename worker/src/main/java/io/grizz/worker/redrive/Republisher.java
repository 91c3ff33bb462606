package io.grizz.worker.redrive;

import io.grizz.contracts.Wire;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters back to the topic they came from: same key and value bytes, the original
 * headers without the dead-letter ones, acks=all and idempotent, so a broker retry cannot
 * duplicate or reorder them.
 *
 * <p>A record goes back to the partition it came from ({@code kafka_dlt-original-partition}) when
 * the topic still has it: that is where the rest of its conversation's writes are, also when a
 * producer placed them with another partitioner than Kafka's default, and a record sent to its
 * key's partition instead would split the conversation over a third one. Without the header, it
 * goes where its key puts it, as for any producer. The timestamp is the
 * send time: the worker orders by revision, not by timestamp, and an old timestamp could put the
 * record past the topic's retention at once.
 */
final class Republisher implements AutoCloseable {

    /** As large as the worker's dead-letter producer: whatever was dead-lettered can be sent back. */
    private final KafkaProducer<byte[], byte[]> producer;

    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Map<String, Integer> partitionCounts = new HashMap<>();

    /**
     * @param connection how to reach the cluster ({@link KafkaClientSettings}); the redrive's own settings go on top
     */
    Republisher(Map<String, Object> connection) {
        Properties config = new Properties();
        config.putAll(connection);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "grizz-redrive");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Wire.MAX_RECORD_BYTES);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** @return the partition it was sent to, or -1 when the key chose */
    int send(DeadLetter letter, String topic) {
        Integer partition = letter.originalPartition()
                .filter(p -> p < partitionCount(topic))
                .orElse(null);
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, partition, null, letter.key(), letter.value(), letter.replayHeaders());
        producer.send(record, (metadata, exception) -> {
            if (exception == null) {
                acknowledged.incrementAndGet();
            } else {
                firstFailure.compareAndSet(null, exception);
            }
        });
        return partition == null ? -1 : partition;
    }

    private int partitionCount(String topic) {
        return partitionCounts.computeIfAbsent(
                topic, t -> producer.partitionsFor(t).size());
    }

    /**
     * Waits until the broker acknowledged every record sent.
     *
     * @return how many records it acknowledged
     * @throws RedriveException naming the first failure, and how many made it
     */
    int finish() {
        try {
            producer.flush();
        } catch (KafkaException e) {
            firstFailure.compareAndSet(null, e);
        }
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new RedriveException(
                    "sending failed after " + acknowledged.get() + " records were acknowledged: "
                            + failure.getMessage(),
                    failure);
        }
        return acknowledged.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
