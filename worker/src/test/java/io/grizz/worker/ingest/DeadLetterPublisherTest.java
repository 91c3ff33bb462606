package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grizz.contracts.DeadLetterHeaders;
import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.worker.batch.Entry;
import io.grizz.worker.batch.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The fallbacks of a dead letter the topic refuses: without its value, then without its key and
 * its own headers; an empty record refused is an outage. And the partition guard before a send.
 */
class DeadLetterPublisherTest {

    private static final String TOPIC = "writes";
    private static final int LIMIT = 1000;

    /** Tools that know spring-kafka's dead letters read the worker's: the origin headers are spring-kafka's own. */
    @Test
    void theOriginHeadersAreSpringKafkasNames() {
        assertThat(List.of(
                        DeadLetterHeaders.ORIGINAL_TOPIC,
                        DeadLetterHeaders.ORIGINAL_PARTITION,
                        DeadLetterHeaders.ORIGINAL_OFFSET,
                        DeadLetterHeaders.ORIGINAL_TIMESTAMP,
                        DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE,
                        DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP,
                        DeadLetterHeaders.EXCEPTION_FQCN,
                        DeadLetterHeaders.EXCEPTION_MESSAGE))
                .containsExactly(
                        KafkaHeaders.DLT_ORIGINAL_TOPIC,
                        KafkaHeaders.DLT_ORIGINAL_PARTITION,
                        KafkaHeaders.DLT_ORIGINAL_OFFSET,
                        KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
                        KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE,
                        KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP,
                        KafkaHeaders.DLT_EXCEPTION_FQCN,
                        KafkaHeaders.DLT_EXCEPTION_MESSAGE);
    }

    @Test
    void aDeadLetterWhoseKeyIsTooLargeGoesWithoutKeyValueAndItsOwnHeaders() {
        byte[] key = "k".repeat(5000).getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> record = record(2, key, "not json".getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader("trace", "t-1".getBytes(StandardCharsets.UTF_8)));
        SizedProducer dlt = new SizedProducer(r -> size(r) > LIMIT ? new RecordTooLargeException("too large") : null);

        publisher(dlt).publish(deadLetters(record));

        assertThat(dlt.history()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEmpty();
            assertThat(r.value()).isEmpty();
            assertThat(r.partition()).isEqualTo(2);
            assertThat(header(r, "dlt-key-omitted")).isEqualTo("5000");
            assertThat(header(r, "dlt-value-omitted")).isEqualTo("8");
            assertThat(header(r, "dlt-reason")).isEqualTo("malformed");
            assertThat(header(r, "kafka_dlt-original-topic")).isEqualTo(TOPIC);
            assertThat(header(r, "trace")).isNull();
        });
        assertThat(dlt.refused).hasSize(2);
    }

    @Test
    void aDeadLetterWhoseValueAloneIsTooLargeKeepsItsKeyAndHeaders() {
        byte[] key = "conversation".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> record = record(0, key, "x".repeat(5000).getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader("trace", "t-1".getBytes(StandardCharsets.UTF_8)));
        SizedProducer dlt = new SizedProducer(r -> size(r) > LIMIT ? new RecordTooLargeException("too large") : null);

        publisher(dlt).publish(deadLetters(record));

        assertThat(dlt.history()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(key);
            assertThat(r.value()).isEmpty();
            assertThat(header(r, "dlt-value-omitted")).isEqualTo("5000");
            assertThat(header(r, "dlt-key-omitted")).isNull();
            assertThat(header(r, "trace")).isEqualTo("t-1");
        });
    }

    @Test
    void anEmptyDeadLetterRefusedForItsSizeIsAnOutageNotTheRecordsFault() {
        ConsumerRecord<byte[], byte[]> record = record(0, null, "not json".getBytes(StandardCharsets.UTF_8));
        SizedProducer dlt = new SizedProducer(r -> new RecordTooLargeException("max.message.bytes 16"));

        assertThatThrownBy(() -> publisher(dlt).publish(deadLetters(record)))
                .isInstanceOf(DeadLetterPublisher.DeadLetterTopicUnavailableException.class)
                .hasMessageContaining("record_refused");
        assertThat(dlt.history()).isEmpty();
        assertThat(dlt.refused).hasSize(3);
    }

    @Test
    void aPartitionTheProducerDoesNotKnowIsMadeBeforeTheSend() {
        List<String> asked = new ArrayList<>();
        SizedProducer dlt = new SizedProducer(r -> null);
        DeadLetterPublisher publisher =
                new DeadLetterPublisher(dlt, "group", (topic, partitions) -> asked.add(topic + ":" + partitions));

        publisher.publish(deadLetters(
                record(1, null, "x".getBytes(StandardCharsets.UTF_8)),
                record(3, null, "y".getBytes(StandardCharsets.UTF_8))));

        assertThat(asked).containsExactly(TOPIC + ".dlt:4");
        assertThat(dlt.history()).extracting(ProducerRecord::partition).containsExactly(1, 3);
    }

    @Test
    void aPartitionThatCannotBeMadeIsAnOutageAndNothingIsSent() {
        SizedProducer dlt = new SizedProducer(r -> null);
        DeadLetterPublisher publisher = new DeadLetterPublisher(dlt, "group", (topic, partitions) -> {
            throw new IllegalStateException("no ALTER permission");
        });

        assertThatThrownBy(() -> publisher.publish(deadLetters(record(3, null, "x".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(DeadLetterPublisher.DeadLetterTopicUnavailableException.class);
        assertThat(dlt.history()).isEmpty();
    }

    private static DeadLetterPublisher publisher(SizedProducer dlt) {
        return new DeadLetterPublisher(dlt, "group", (topic, partitions) -> {});
    }

    @SafeVarargs
    private static List<Entry> deadLetters(ConsumerRecord<byte[], byte[]>... records) {
        return WriteBatch.decode(List.of(records), new MessageWriteDecoder(1 << 20))
                .deadLetters();
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, byte[] key, byte[] value) {
        return new ConsumerRecord<>(TOPIC, partition, 7, key, value);
    }

    private static int size(ProducerRecord<byte[], byte[]> record) {
        int size = (record.key() == null ? 0 : record.key().length) + record.value().length;
        for (var header : record.headers()) {
            size += header.key().length() + header.value().length;
        }
        return size;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A dead-letter topic that refuses the records a rule picks, keeping what it refused. */
    private static final class SizedProducer extends MockProducer<byte[], byte[]> {
        private final Function<ProducerRecord<byte[], byte[]>, RuntimeException> refusal;
        private final List<ProducerRecord<byte[], byte[]>> refused = new ArrayList<>();

        SizedProducer(Function<ProducerRecord<byte[], byte[]>, RuntimeException> refusal) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.refusal = refusal;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            RuntimeException refused = refusal.apply(record);
            if (refused == null) {
                return super.send(record, callback);
            }
            this.refused.add(record);
            return CompletableFuture.failedFuture(refused);
        }
    }
}
