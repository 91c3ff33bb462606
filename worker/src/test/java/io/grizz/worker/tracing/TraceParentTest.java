package io.grizz.worker.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceParentTest {

    private static final String EXAMPLE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theW3cExampleIsRead() {
        assertThat(TraceParent.parse(EXAMPLE))
                .contains(new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true));
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"))
                .hasValueSatisfying(p -> assertThat(p.sampled()).isFalse());
        assertThat(TraceParent.parse(EXAMPLE).orElseThrow().header()).isEqualTo(EXAMPLE);
    }

    @Test
    void aLaterVersionMayAddFields() {
        assertThat(TraceParent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"))
                .isPresent();
        assertThat(TraceParent.parse(EXAMPLE + "-extra"))
                .as("version 00 has exactly four fields")
                .isEmpty();
    }

    @Test
    void malformedHeadersAreIgnored() {
        assertThat(TraceParent.parse("")).isEmpty();
        assertThat(TraceParent.parse("00-trace-1-01")).isEmpty();
        assertThat(TraceParent.parse("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEmpty();
        assertThat(TraceParent.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .isEmpty();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"))
                .isEmpty();
        assertThat(TraceParent.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))
                .as("upper case is not hex here")
                .isEmpty();
        assertThat(TraceParent.parse("00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEmpty();
    }

    @Test
    void theHeaderIsReadFromARecord() {
        RecordHeaders headers = new RecordHeaders();
        assertThat(TraceParent.of(headers)).isEmpty();
        headers.add(TraceParent.HEADER, EXAMPLE.getBytes(StandardCharsets.US_ASCII));
        assertThat(TraceParent.of(headers)).isPresent();
    }
}
