package io.grizz.load.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacingTest {

    private final RunClock clock = RunClock.start();

    @Test
    void aSpreadScheduleOffersTheRateEvenlyAndEndsTogether() {
        long start = clock.nowMicros() - 100_000_000L;
        Pacing pacing = Pacing.spread(clock, start, 10_000_000, new int[] {100, 50});

        assertThat(pacing.awaitTurn(0, 0)).isEqualTo(start);
        assertThat(pacing.awaitTurn(0, 1)).isEqualTo(start + 100_000);
        assertThat(pacing.awaitTurn(0, 99)).isEqualTo(start + 9_900_000);
        assertThat(pacing.awaitTurn(1, 0)).as("staggered by half an interval").isEqualTo(start + 100_000);
        assertThat(pacing.awaitTurn(1, 49)).isEqualTo(start + 9_900_000);
    }

    @Test
    void aLateWriterKeepsTheTimeItWasDueAt() {
        long start = clock.nowMicros() - 5_000_000;
        long due = Pacing.spread(clock, start, 1_000_000, new int[] {10}).awaitTurn(0, 3);
        assertThat(due).as("coordinated omission: latency counts from here").isEqualTo(start + 300_000);
        assertThat(clock.nowMicros()).isGreaterThan(due + 4_000_000);
    }

    @Test
    void aWriterWaitsUntilItsTurn() {
        long start = clock.nowMicros() + 50_000;
        long due = Pacing.spread(clock, start, 1_000_000, new int[] {10}).awaitTurn(0, 0);
        assertThat(clock.nowMicros()).isGreaterThanOrEqualTo(due);
    }

    @Test
    void aBurstSendsRightAway() {
        long before = clock.nowMicros();
        assertThat(Pacing.asFastAsPossible(clock).awaitTurn(3, 1_000)).isBetween(before, clock.nowMicros());
    }
}
