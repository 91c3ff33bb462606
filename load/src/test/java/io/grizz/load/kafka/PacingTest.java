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
    void aRampedScheduleRisesInAStraightLineToTheRateThenHoldsIt() {
        long start = 1_000_000_000L;
        // 10 s ramp then 20 s at 100 events/s: 500 + 2,000 events, in one writer
        Pacing pacing = Pacing.rampedSpread(start, 10_000_000, 20_000_000, new int[] {2_500});

        assertThat(pacing.dueMicros(0, 0)).isEqualTo(start);
        // on the ramp, n events are out by t = sqrt(2 · ramp · n / rate): a quarter of the ramp's at half its time
        assertThat(pacing.dueMicros(0, 125)).isEqualTo(start + 5_000_000);
        assertThat(pacing.dueMicros(0, 500))
                .as("the ramp's 500 events take its 10 s")
                .isEqualTo(start + 10_000_000);
        assertThat(pacing.dueMicros(0, 600)).as("then 100 a second").isEqualTo(start + 11_000_000);
        assertThat(pacing.dueMicros(0, 2_499)).isEqualTo(start + 29_990_000);
        long onRamp = pacing.dueMicros(0, 101) - pacing.dueMicros(0, 100);
        long atRate = pacing.dueMicros(0, 1_001) - pacing.dueMicros(0, 1_000);
        assertThat(onRamp).as("slower on the ramp").isGreaterThan(2 * atRate);
        assertThat(atRate).isEqualTo(10_000);
    }

    @Test
    void aBurstIsNeverScheduled() {
        assertThat(Pacing.asFastAsPossible().dueMicros(3, 1_000)).isEqualTo(Pacing.UNSCHEDULED);
    }
}
