package io.grizz.worker.ingest;

import io.grizz.contracts.Rejection;
import io.grizz.contracts.Wire;
import io.grizz.worker.batch.Entry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Sends a batch's dead letters to {@code <topic>.dlt}, each to the partition number it came from,
 * with its key and value bytes unchanged, its own headers, spring-kafka's standard
 * {@code kafka_dlt-*} headers and {@code dlt-reason} / {@code dlt-detail}, and waits until the
 * broker has them all: the source offsets are committed only after, so a dead letter is never
 * lost between the two topics.
 *
 * <p>A dead letter the topic refuses for good (too large even compressed, an invalid record, no
 * permission) must not stall its partition: it is sent again with an empty value and
 * {@code dlt-value-omitted} (the original value's size), and logged at ERROR. If even that is
 * refused, the ERROR log is all that is left of it, and the worker moves on. A failure that may
 * pass (broker unavailable, timeout) is thrown, and the batch is retried like any outage.
 */
public class DeadLetterPublisher implements AutoCloseable {

    /** What the {@code kafka_dlt-exception-fqcn} header names: the worker's verdict, not a Java failure. */
    static final String EXCEPTION_NAME = "io.grizz.worker.ingest.DeadLetter";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final RenewableProducer producer;
    private final String consumerGroup;

    public DeadLetterPublisher(RenewableProducer producer, String consumerGroup) {
        this.producer = producer;
        this.consumerGroup = consumerGroup;
    }

    DeadLetterPublisher(Producer<byte[], byte[]> producer, String consumerGroup) {
        this(RenewableProducer.of(producer), consumerGroup);
    }

    /** Sends them all, in order; returns once each is on the DLT, or refused for good and logged. */
    public void publish(List<Entry> deadLetters) {
        if (deadLetters.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(deadLetters.size());
        for (Entry entry : deadLetters) {
            sends.add(producer.send(deadLetter(entry.record(), entry.rejection(), false)));
        }
        List<RuntimeException> failures = producer.awaitAll(sends);
        RuntimeException passing = null;
        for (int i = 0; i < sends.size(); i++) {
            Entry entry = deadLetters.get(i);
            RuntimeException failure = failures.get(i);
            if (failure == null) {
                log.warn(
                        "dead-lettered topic={} partition={} offset={} reason={} detail={}",
                        entry.record().topic(),
                        entry.record().partition(),
                        entry.record().offset(),
                        entry.rejection().reason().code(),
                        entry.rejection().detail());
            } else if (isRefusedForGood(failure)) {
                sendWithoutValue(entry, failure);
            } else if (passing == null) {
                passing = failure;
            }
        }
        if (passing != null) {
            throw new DeadLetterTopicUnavailableException(passing);
        }
    }

    private void sendWithoutValue(Entry entry, RuntimeException refusal) {
        ConsumerRecord<byte[], byte[]> record = entry.record();
        RuntimeException failure = failureOf(producer.send(deadLetter(record, entry.rejection(), true)));
        if (failure == null) {
            log.error(
                    "dead letter refused by {} ({}): sent without its value, {} bytes; topic={} partition={} "
                            + "offset={} reason={}",
                    deadLetterTopic(record),
                    refusal.toString(),
                    valueSize(record),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    entry.rejection().reason().code());
        } else if (isRefusedForGood(failure)) {
            log.error(
                    "dead letter refused by {} even without its value ({}); moving on, this log line is its only "
                            + "trace: topic={} partition={} offset={} reason={} detail={}",
                    deadLetterTopic(record),
                    failure.toString(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    entry.rejection().reason().code(),
                    entry.rejection().detail());
        } else {
            throw new DeadLetterTopicUnavailableException(failure);
        }
    }

    /**
     * Refused for good: a Kafka error that is not retriable, such as a record too large, an invalid
     * record or a missing permission. Sending it again would be refused again.
     */
    static boolean isRefusedForGood(Throwable failure) {
        return failure instanceof ApiException && !(failure instanceof RetriableException);
    }

    /** Its failure, or null once the broker has it; waits at most the producer's bound. */
    private RuntimeException failureOf(Future<RecordMetadata> send) {
        return producer.awaitAll(List.of(send)).get(0);
    }

    ProducerRecord<byte[], byte[]> deadLetter(
            ConsumerRecord<byte[], byte[]> record, Rejection rejection, boolean omitValue) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
                ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE,
                utf8(record.timestampType().toString()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(consumerGroup));
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(EXCEPTION_NAME));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(rejection.reason().code() + ": " + rejection.detail()));
        headers.add(Wire.REASON_HEADER, utf8(rejection.reason().code()));
        headers.add(Wire.DETAIL_HEADER, utf8(rejection.detail()));
        byte[] value = record.value();
        if (omitValue) {
            headers.add(Wire.VALUE_OMITTED_HEADER, utf8(Integer.toString(valueSize(record))));
            value = new byte[0];
        }
        return new ProducerRecord<>(deadLetterTopic(record), record.partition(), record.key(), value, headers);
    }

    private static int valueSize(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? 0 : record.value().length;
    }

    static String deadLetterTopic(ConsumerRecord<?, ?> record) {
        return Wire.deadLetterTopic(record.topic());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }

    /** The DLT could not take a dead letter for a reason that may pass: an outage, retried with backoff. */
    public static final class DeadLetterTopicUnavailableException extends RuntimeException {
        DeadLetterTopicUnavailableException(Throwable cause) {
            super("the dead-letter topic did not take a dead letter: " + cause, cause);
        }
    }
}
