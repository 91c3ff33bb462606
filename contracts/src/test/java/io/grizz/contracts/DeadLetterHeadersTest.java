package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

    @Test
    void whatIsWrittenReadsBackAndEveryNameIsADeadLetterHeader() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        DeadLetterHeaders.write(
                headers::put,
                new DeadLetterHeaders.Origin("message-writes.v1", 7, 12_345L, 1_700_000_000_000L, "CreateTime", "g"),
                "io.grizz.Rejected",
                new Rejection(RejectionReason.MALFORMED, "not JSON"));

        assertThat(DeadLetterHeaders.text(headers::get, DeadLetterHeaders.REASON))
                .contains("malformed");
        assertThat(DeadLetterHeaders.text(headers::get, DeadLetterHeaders.DETAIL))
                .contains("not JSON");
        assertThat(DeadLetterHeaders.text(headers::get, DeadLetterHeaders.ORIGINAL_TOPIC))
                .contains("message-writes.v1");
        assertThat(DeadLetterHeaders.originalPartition(headers::get)).contains(7);
        assertThat(DeadLetterHeaders.text(headers::get, DeadLetterHeaders.EXCEPTION_MESSAGE))
                .contains("malformed: not JSON");
        assertThat(headers.get(DeadLetterHeaders.ORIGINAL_OFFSET)).hasSize(Long.BYTES);
        assertThat(DeadLetterHeaders.omitted(headers::get)).isFalse();
        assertThat(headers.keySet()).allMatch(DeadLetterHeaders::isDeadLetterHeader);
        assertThat(DeadLetterHeaders.isDeadLetterHeader("traceparent")).isFalse();
    }

    @Test
    void aDeadLetterWithoutItsValueSaysSoAndHowLargeItWas() {
        Map<String, byte[]> headers = Map.of(DeadLetterHeaders.VALUE_OMITTED, DeadLetterHeaders.size(3_000_000));

        assertThat(DeadLetterHeaders.omitted(headers::get)).isTrue();
        assertThat(DeadLetterHeaders.size(headers::get, DeadLetterHeaders.VALUE_OMITTED))
                .isEqualTo(OptionalLong.of(3_000_000));
        assertThat(new String(headers.get(DeadLetterHeaders.VALUE_OMITTED), StandardCharsets.UTF_8))
                .isEqualTo("3000000");
        assertThat(DeadLetterHeaders.size(headers::get, DeadLetterHeaders.KEY_OMITTED))
                .isEmpty();
        assertThat(DeadLetterHeaders.originalPartition(
                        Map.of(DeadLetterHeaders.ORIGINAL_PARTITION, new byte[] {1})::get))
                .isEqualTo(Optional.empty());
    }
}
