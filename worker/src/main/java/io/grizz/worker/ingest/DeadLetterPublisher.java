package io.grizz.worker.ingest;

import io.grizz.contracts.DeadLetterHeaders;
import io.grizz.contracts.Rejection;
import io.grizz.contracts.Wire;
import io.grizz.worker.batch.Entry;
import io.grizz.worker.batch.OmittedValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a batch's dead letters to {@code <topic>.dlt}, each to the partition number it came from,
 * with its key and value bytes unchanged, its own headers, spring-kafka's standard
 * {@code kafka_dlt-*} headers and {@code dlt-reason} / {@code dlt-detail}, and waits until the
 * broker has them all: the source offsets are committed only after, so a dead letter is never
 * lost between the two topics.
 *
 * <p>Before it sends one from a partition number the dead-letter topic may not have (the source
 * grew), it makes sure that partition exists ({@link DeadLetterPartitions}): a dead letter never
 * targets a partition that does not exist.
 *
 * <p>What a refusal means is decided by {@link DeadLetterFailure}. A dead letter refused for what
 * it is (too large even compressed, an invalid record) must not stall its partition: it is sent
 * again with an empty value and {@code dlt-value-omitted}; if that is refused for its size too
 * (its key or its own headers are too large), once more with neither key, value nor the record's
 * own headers, and {@code dlt-key-omitted}; each logged at ERROR. If even that empty record is
 * refused, the record is not to blame, and like every other failure (permission, authentication,
 * broker away, unknown) it is an outage: thrown, and the batch retried with nothing committed.
 */
public class DeadLetterPublisher implements AutoCloseable {

    /** What the {@code kafka_dlt-exception-fqcn} header names: the worker's verdict, not a Java failure. */
    static final String EXCEPTION_NAME = "io.grizz.worker.ingest.DeadLetter";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    /** How much of the original a dead letter carries. */
    enum Omit {
        NOTHING,
        VALUE,
        /** the key, the value and the record's own headers: all that makes it large */
        KEY_AND_VALUE
    }

    private final RenewableProducer producer;
    private final String consumerGroup;
    private final DeadLetterPartitions partitions;

    public DeadLetterPublisher(RenewableProducer producer, String consumerGroup, DeadLetterPartitions partitions) {
        this.producer = producer;
        this.consumerGroup = consumerGroup;
        this.partitions = partitions;
    }

    DeadLetterPublisher(Producer<byte[], byte[]> producer, String consumerGroup, DeadLetterPartitions partitions) {
        this(RenewableProducer.of(producer), consumerGroup, partitions);
    }

    /** Sends them all, in order; returns once each is on the DLT, with all its bytes or logged without. */
    public void publish(List<Entry> deadLetters) {
        if (deadLetters.isEmpty()) {
            return;
        }
        ensurePartitions(deadLetters);
        List<Future<RecordMetadata>> sends = new ArrayList<>(deadLetters.size());
        for (Entry entry : deadLetters) {
            sends.add(producer.send(deadLetter(entry.record(), entry.rejection(), Omit.NOTHING)));
        }
        List<RuntimeException> failures = producer.awaitAll(sends);
        RuntimeException outage = null;
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
            } else if (DeadLetterFailure.of(failure) == DeadLetterFailure.RECORD_REFUSED) {
                failure = sendSmaller(entry, failure);
            }
            if (failure != null && outage == null) {
                outage = failure;
            }
        }
        if (outage != null) {
            throw new DeadLetterTopicUnavailableException(outage);
        }
    }

    /**
     * The last guard of "a dead letter never targets a partition that does not exist": when the
     * producer does not know a partition this batch needs, the topic is described and grown before
     * the send, which then waits for the producer's metadata to show the new partition.
     */
    private void ensurePartitions(List<Entry> deadLetters) {
        String topic = deadLetterTopic(deadLetters.get(0).record());
        int needed = 1
                + deadLetters.stream()
                        .mapToInt(entry -> entry.record().partition())
                        .max()
                        .orElse(0);
        try {
            if (needed > producer.partitionsFor(topic).size()) {
                partitions.ensureAtLeast(topic, needed);
            }
        } catch (DeadLetterTopicUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DeadLetterTopicUnavailableException(e);
        }
    }

    /** Sends the dead letter without its value, then without its key too; returns the outage, if any. */
    private RuntimeException sendSmaller(Entry entry, RuntimeException refusal) {
        ConsumerRecord<byte[], byte[]> record = entry.record();
        RuntimeException failure = failureOf(producer.send(deadLetter(record, entry.rejection(), Omit.VALUE)));
        if (failure == null) {
            log.error(
                    "dead letter refused by {} ({}): sent without its value, {} bytes; topic={} partition={} "
                            + "offset={} reason={}",
                    deadLetterTopic(record),
                    refusal.toString(),
                    originalValueSize(record),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    entry.rejection().reason().code());
            return null;
        }
        if (DeadLetterFailure.of(failure) != DeadLetterFailure.RECORD_REFUSED) {
            return failure;
        }
        RuntimeException last = failureOf(producer.send(deadLetter(record, entry.rejection(), Omit.KEY_AND_VALUE)));
        if (last == null) {
            log.error(
                    "dead letter refused by {} even without its value ({}): sent without its key ({} bytes), value "
                            + "({} bytes) and its own {} headers; topic={} partition={} offset={} reason={}",
                    deadLetterTopic(record),
                    failure.toString(),
                    size(record.key()),
                    originalValueSize(record),
                    record.headers().toArray().length,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    entry.rejection().reason().code());
        }
        // an empty record refused is not the record's fault, whatever the error says
        return last;
    }

    /** Its failure, or null once the broker has it; waits at most the producer's bound. */
    private RuntimeException failureOf(Future<RecordMetadata> send) {
        return producer.awaitAll(List.of(send)).get(0);
    }

    ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, Rejection rejection, Omit omit) {
        Headers headers = new RecordHeaders();
        if (omit != Omit.KEY_AND_VALUE) {
            for (Header header : record.headers()) {
                headers.add(header);
            }
        }
        DeadLetterHeaders.write(
                headers::add,
                new DeadLetterHeaders.Origin(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        record.timestampType().toString(),
                        consumerGroup),
                EXCEPTION_NAME,
                rejection);
        byte[] key = record.key();
        byte[] value = record.value();
        if (omit != Omit.NOTHING) {
            headers.remove(DeadLetterHeaders.VALUE_OMITTED);
            headers.add(DeadLetterHeaders.VALUE_OMITTED, DeadLetterHeaders.size(originalValueSize(record)));
            value = new byte[0];
        }
        if (omit == Omit.KEY_AND_VALUE) {
            headers.add(DeadLetterHeaders.KEY_OMITTED, DeadLetterHeaders.size(size(record.key())));
            key = new byte[0];
        }
        return new ProducerRecord<>(deadLetterTopic(record), record.partition(), key, value, headers);
    }

    /** The value's size on the source topic, also when the consumer dropped it over the event limit. */
    private static long originalValueSize(ConsumerRecord<byte[], byte[]> record) {
        long dropped = OmittedValue.sizeOf(record);
        return dropped == OmittedValue.KEPT ? size(record.value()) : dropped;
    }

    private static int size(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
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
            super(
                    "the dead-letter topic did not take a dead letter ("
                            + DeadLetterFailure.of(cause).name().toLowerCase(Locale.ROOT) + "): " + cause,
                    cause);
        }
    }
}
