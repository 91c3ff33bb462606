package io.grizz.load.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacingTest {

    @Test
    void aSpreadScheduleOffersTheRateEvenlyAndEndsTogether() {
        long start = 1_000_000_000L;
        Pacing pacing = Pacing.spread(start, 10_000_000, new int[] {100, 50});

        assertThat(pacing.dueMicros(0, 0)).isEqualTo(start);
        assertThat(pacing.dueMicros(0, 1)).isEqualTo(start + 100_000);
        assertThat(pacing.dueMicros(0, 99)).isEqualTo(start + 9_900_000);
        assertThat(pacing.dueMicros(1, 0)).as("staggered by half an interval").isEqualTo(start + 100_000);
        assertThat(pacing.dueMicros(1, 49)).isEqualTo(start + 9_900_000);
    }

    @Test
    void aBurstIsNeverScheduled() {
        assertThat(Pacing.asFastAsPossible().dueMicros(3, 1_000)).isEqualTo(Pacing.UNSCHEDULED);
    }
}
