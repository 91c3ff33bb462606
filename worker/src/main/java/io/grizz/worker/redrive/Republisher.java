package io.grizz.worker.redrive;

import io.grizz.contracts.Wire;
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
 * <p>The partition is left to the key, as for any producer: a conversation's records go where
 * its new writes go, even if the topic was given more partitions since. The timestamp is the
 * send time: the worker orders by revision, not by timestamp, and an old timestamp could put the
 * record past the topic's retention at once.
 */
final class Republisher implements AutoCloseable {

    /** As large as the worker's dead-letter producer: whatever was dead-lettered can be sent back. */
    static final int MAX_REQUEST_BYTES = Wire.MAX_RECORD_BYTES;

    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    /**
     * @param connection how to reach the cluster ({@link KafkaClientSettings}); the redrive's own settings go on top
     */
    Republisher(Map<String, Object> connection) {
        Properties config = new Properties();
        config.putAll(connection);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "grizz-redrive");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    void send(DeadLetter letter, String topic) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, null, null, letter.key(), letter.value(), letter.replayHeaders());
        producer.send(record, (metadata, exception) -> {
            if (exception == null) {
                acknowledged.incrementAndGet();
            } else {
                firstFailure.compareAndSet(null, exception);
            }
        });
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
