package io.grizz.worker.api.replica;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicaLagTest {

    private static final double T = 1_800_000_000;

    private final ReplicaLag lag = new ReplicaLag();

    @Test
    void aPrimaryHasNoLagHoweverOldItsLastCommit() {
        assertThat(lag.next(new ReplaySample(false, false, false, null, T))).isZero();
        assertThat(lag.next(new ReplaySample(false, false, false, 3600.0, T + 1)))
                .isZero();
    }

    @Test
    void anIdleStandbyWithNothingToReplayHasNoLagThoughItsLastReplayedCommitIsOld() {
        assertThat(lag.next(new ReplaySample(true, true, true, 3600.0, T))).isZero();
        assertThat(lag.next(new ReplaySample(true, true, true, 3601.0, T + 1))).isZero();
    }

    @Test
    void theFirstWriteAfterAnIdleHourIsNotAnHourOfLag() {
        lag.next(new ReplaySample(true, true, true, 3600.0, T));
        // WAL arrived, not yet replayed; the last replayed commit is an hour old, but a second ago all was shown
        assertThat(lag.next(new ReplaySample(true, true, false, 3601.0, T + 1))).isEqualTo(1.0);
    }

    @Test
    void pausedReplayUnderWritesGrowsWithTheTimeSinceItWasCurrent() {
        lag.next(new ReplaySample(true, true, true, 0.2, T));
        assertThat(lag.next(new ReplaySample(true, true, false, 1.2, T + 1))).isEqualTo(1.0);
        assertThat(lag.next(new ReplaySample(true, true, false, 10.2, T + 10))).isEqualTo(10.0);
        assertThat(lag.next(new ReplaySample(true, true, true, 0.1, T + 11))).isZero();
    }

    @Test
    void aStandbyBusyReplayingReportsTheAgeOfItsLastReplayedCommit() {
        lag.next(new ReplaySample(true, true, true, 0.0, T));
        // never caught up again for a minute, but replaying commits made 2 s ago
        assertThat(lag.next(new ReplaySample(true, true, false, 2.0, T + 60))).isEqualTo(2.0);
    }

    @Test
    void aStandbyCutOffFromItsPrimaryIsNotReportedCurrent() {
        lag.next(new ReplaySample(true, true, true, 100.0, T));
        // nothing left to replay, but no WAL receiver: it cannot know what it misses
        assertThat(lag.next(new ReplaySample(true, false, true, 140.0, T + 40))).isEqualTo(40.0);
    }

    @Test
    void aStandbyNeverSeenCurrentWithNothingReplayedCountsFromWhenItWasFirstSeenBehind() {
        assertThat(lag.next(new ReplaySample(true, false, false, null, T))).isZero();
        assertThat(lag.next(new ReplaySample(true, false, false, null, T + 5))).isEqualTo(5.0);
    }

    @Test
    void aClockStepNeverMakesTheLagNegative() {
        assertThat(lag.next(new ReplaySample(true, true, false, -0.5, T))).isZero();
    }
}
