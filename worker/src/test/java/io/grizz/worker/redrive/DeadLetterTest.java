package io.grizz.worker.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static final String CONTENT = "{\"content\":\"a private message\"}";

    @Test
    void theRecordGoesBackWithItsOwnHeadersButWithoutAnyDeadLetterHeader() {
        ConsumerRecord<byte[], byte[]> record =
                record("3f9c4a3e-0000-4000-8000-000000000001".getBytes(StandardCharsets.UTF_8));
        record.headers().add("traceparent", bytes("00-abc-def-01"));
        record.headers().add("kafka_dlt-original-topic", bytes("message-writes.v1"));
        record.headers()
                .add(
                        "kafka_dlt-original-partition",
                        ByteBuffer.allocate(4).putInt(2).array());
        record.headers()
                .add(
                        "kafka_dlt-original-offset",
                        ByteBuffer.allocate(8).putLong(41).array());
        record.headers().add("kafka_dlt-exception-fqcn", bytes("io.grizz.worker.ingest.DeadLetterException"));
        record.headers().add("dlt-reason", bytes("rejected_by_database"));
        record.headers().add("dlt-detail", bytes("23514 check constraint"));
        record.headers().add("tenant", bytes("t1"));

        DeadLetter letter = new DeadLetter(record);

        List<String> kept = new ArrayList<>();
        for (Header header : letter.replayHeaders()) {
            kept.add(header.key());
        }
        assertThat(kept).containsExactly("traceparent", "tenant");
        assertThat(letter.originalTopic()).contains("message-writes.v1");
        assertThat(letter.reason()).isEqualTo("rejected_by_database");
        assertThat(letter.detail()).isEqualTo("23514 check constraint");
    }

    @Test
    void theListingShowsPositionReasonDetailAndKeyButNeverTheValue() {
        ConsumerRecord<byte[], byte[]> record =
                record("3f9c4a3e-0000-4000-8000-000000000001".getBytes(StandardCharsets.UTF_8));
        record.headers().add("dlt-reason", bytes("schema_violation"));
        record.headers().add("dlt-detail", bytes("revision: must be 1 or more\nsecond line"));

        String line = new DeadLetter(record).describe();

        assertThat(line)
                .isEqualTo("partition=2 offset=41 reason=schema_violation key=3f9c4a3e-0000-4000-8000-000000000001"
                        + " detail=\"revision: must be 1 or more second line\"");
        assertThat(line).doesNotContain("private");
    }

    @Test
    void aKeyThatIsNoPrintableTextIsShownAsHexAndAMissingOneAsNull() {
        assertThat(DeadLetter.printableKey(null)).isEqualTo("null");
        assertThat(DeadLetter.printableKey(new byte[] {(byte) 0xff, 0x00, 0x41}))
                .isEqualTo("0xff0041");
        assertThat(DeadLetter.printableKey(bytes("a\nb"))).isEqualTo("0x610a62");
        assertThat(new DeadLetter(record(null)).describe()).contains("key=null").contains("reason= ");
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] key) {
        return new ConsumerRecord<>("message-writes.v1.dlt", 2, 41, key, bytes(CONTENT));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
