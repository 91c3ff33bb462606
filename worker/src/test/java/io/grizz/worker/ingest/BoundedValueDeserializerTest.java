package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grizz.contracts.DeadLetterHeaders;
import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.worker.batch.OmittedValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-poll count of decoded bytes, and the marker of a value over the event limit. */
class BoundedValueDeserializerTest {

    private static final int EVENT_LIMIT = 100;
    private static final long BUDGET = 250;

    private final BoundedValueDeserializer deserializer =
            new BoundedValueDeserializer(new MessageWriteDecoder(50, EVENT_LIMIT), BUDGET);
    private final PollEndInterceptor pollEnd = new PollEndInterceptor();

    @BeforeEach
    @AfterEach
    void noPollInProgress() {
        DecodedBytesBudget.ofThisThread().pollEnded();
    }

    @Test
    void valuesWithinTheBudgetAreCopiedAndCounted() {
        ByteBuffer data = ByteBuffer.wrap(bytes(100));
        byte[] value = deserializer.deserialize("t", new RecordHeaders(), data);
        assertThat(value).isEqualTo(bytes(100)).isNotSameAs(data.array());
        assertThat(data.remaining()).as("the consumer's buffer is not moved").isEqualTo(100);
        deserializer.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(bytes(100)));
        deserializer.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(bytes(50)));
        assertThat(DecodedBytesBudget.ofThisThread().taken()).isEqualTo(BUDGET);
    }

    @Test
    void aValuePastTheBudgetEndsThePollAndOpensTheNextOne() {
        deserializer.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(bytes(100)));
        deserializer.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(bytes(100)));
        ByteBuffer third = ByteBuffer.wrap(bytes(51));
        assertThatThrownBy(() -> deserializer.deserialize("t", new RecordHeaders(), third))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("51 bytes waits for the next poll");
        // Kafka tries the same record again within the same poll: still full
        assertThatThrownBy(() -> deserializer.deserialize("t", new RecordHeaders(), third))
                .isInstanceOf(SerializationException.class);

        pollEnd.onConsume(ConsumerRecords.empty());

        assertThat(deserializer.deserialize("t", new RecordHeaders(), third)).hasSize(51);
        assertThat(DecodedBytesBudget.ofThisThread().taken()).isEqualTo(51);
    }

    @Test
    void theFirstValueOfAPollAlwaysComesWhateverTheBudget() {
        BoundedValueDeserializer tiny = new BoundedValueDeserializer(new MessageWriteDecoder(50, EVENT_LIMIT), 1);
        assertThat(tiny.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(bytes(100))))
                .hasSize(100);
        assertThatThrownBy(() -> tiny.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(bytes(1))))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void aValueOverTheEventLimitIsNotKeptButItsSizeIs() {
        Headers headers = new RecordHeaders();
        // a producer's own header of that name is not taken for the size
        headers.add(DeadLetterHeaders.VALUE_OMITTED, "7".getBytes(StandardCharsets.UTF_8));
        byte[] value = deserializer.deserialize("t", headers, ByteBuffer.wrap(bytes(EVENT_LIMIT + 1)));
        assertThat(value).isEmpty();
        assertThat(OmittedValue.sizeOf(record(value, headers))).isEqualTo(EVENT_LIMIT + 1);
        assertThat(headers.headers(DeadLetterHeaders.VALUE_OMITTED)).hasSize(1);
        assertThat(DecodedBytesBudget.ofThisThread().taken())
                .as("not held, so not counted")
                .isZero();
    }

    @Test
    void aValueOverTheEventLimitIsMarkedEvenWhenThePollIsFull() {
        deserializer.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(bytes(100)));
        deserializer.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(bytes(100)));
        assertThat(deserializer.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(bytes(64 << 20))))
                .isEmpty();
    }

    @Test
    void anEmptyValueOrNoValueIsHandedOnAsItIs() {
        Headers headers = new RecordHeaders();
        byte[] empty = deserializer.deserialize("t", headers, ByteBuffer.allocate(0));
        assertThat(empty).isEmpty();
        assertThat(OmittedValue.sizeOf(record(empty, headers)))
                .as("a producer's empty value is no marker")
                .isEqualTo(OmittedValue.KEPT);
        assertThat(deserializer.deserialize("t", headers, (ByteBuffer) null)).isNull();
    }

    @Test
    void eachConsumerThreadCountsItsOwnPoll() throws Exception {
        deserializer.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(bytes(100)));
        deserializer.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(bytes(100)));
        byte[][] other = new byte[1][];
        Thread thread = new Thread(
                () -> other[0] = deserializer.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(bytes(100))));
        thread.start();
        thread.join();
        assertThat(other[0]).hasSize(100);
    }

    @Test
    void thePollEndInterceptorComesAfterAnyTheOperatorConfigured() {
        String pollEnd = PollEndInterceptor.class.getName();
        assertThat(IngestConfiguration.withPollEnd(null)).isEqualTo(pollEnd);
        assertThat(IngestConfiguration.withPollEnd("com.example.Tracing")).isEqualTo("com.example.Tracing," + pollEnd);
        assertThat(IngestConfiguration.withPollEnd(List.of("a.B", String.class)))
                .isEqualTo("a.B,java.lang.String," + pollEnd);
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value, Headers headers) {
        return new ConsumerRecord<>(
                "t", 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, null, value, headers, Optional.empty());
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
