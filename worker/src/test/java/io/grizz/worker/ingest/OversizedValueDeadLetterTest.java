package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.DeadLetterHeaders;
import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.contracts.Wire;
import io.grizz.worker.batch.Fate;
import io.grizz.worker.batch.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A value over the event limit, from the deserializer that drops it to its dead letter: {@code too_large}
 * on its size, with an empty value and {@code dlt-value-omitted}, the original size.
 */
class OversizedValueDeadLetterTest {

    private static final int EVENT_LIMIT = 1000;

    private final MessageWriteDecoder decoder = new MessageWriteDecoder(100, EVENT_LIMIT);

    @AfterEach
    void noPollInProgress() {
        DecodedBytesBudget.ofThisThread().pollEnded();
    }

    @Test
    void aDroppedValueIsDeadLetteredTooLargeWithItsSizeAndNoValue() {
        int size = 64 << 20;
        Headers headers = new RecordHeaders();
        byte[] value = new BoundedValueDeserializer(decoder, 1 << 20)
                .deserialize("writes", headers, ByteBuffer.allocate(size));
        byte[] key = "0b5c7fb8-3f29-4a0e-9a51-4f0d55f3f7a2".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(
                "writes", 2, 41, 0, TimestampType.CREATE_TIME, key.length, size, key, value, headers, Optional.empty());

        WriteBatch batch = WriteBatch.decode(List.of(record), decoder);

        assertThat(batch.count(Fate.DEAD_LETTER)).isOne();
        assertThat(batch.deadLetters().get(0).rejection().detail())
                .isEqualTo("value is 67108864 bytes, over the event limit of 1000");
        MockProducer<byte[], byte[]> dlt =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        new DeadLetterPublisher(dlt, "group", (topic, partitions) -> {}).publish(batch.deadLetters());
        ProducerRecord<byte[], byte[]> deadLetter = dlt.history().get(0);
        assertThat(deadLetter.topic()).isEqualTo(Wire.deadLetterTopic("writes"));
        assertThat(deadLetter.partition()).isEqualTo(2);
        assertThat(deadLetter.key()).isEqualTo(key);
        assertThat(deadLetter.value()).isEmpty();
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).isEqualTo("too_large");
        assertThat(deadLetter.headers().headers(DeadLetterHeaders.VALUE_OMITTED))
                .hasSize(1);
        assertThat(header(deadLetter, DeadLetterHeaders.VALUE_OMITTED)).isEqualTo(Integer.toString(size));
    }

    @Test
    void anEmptyValueAProducerSentIsStillMalformedNotTooLarge() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("writes", 0, 0, null, new byte[0]);
        WriteBatch batch = WriteBatch.decode(List.of(record), decoder);
        assertThat(batch.deadLetters().get(0).rejection().reason().code()).isEqualTo("malformed");
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
