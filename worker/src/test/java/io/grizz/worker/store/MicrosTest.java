package io.grizz.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MicrosTest {

    @Test
    void timestampsTravelAsExactMicrosecondsSinceTheEpoch() {
        assertThat(Micros.sinceEpoch(Instant.parse("1970-01-01T00:00:00Z"))).isZero();
        assertThat(Micros.sinceEpoch(Instant.parse("2026-03-01T12:00:00.123456Z")))
                .isEqualTo(1_772_366_400_123_456L);
        // before the epoch: seconds down, microseconds up, as Instant keeps them
        assertThat(Micros.sinceEpoch(Instant.parse("1969-12-31T23:59:59.500001Z")))
                .isEqualTo(-499_999L);
        assertThat(Micros.sinceEpoch(null)).isNull();
    }
}
