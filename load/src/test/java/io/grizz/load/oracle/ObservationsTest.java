package io.grizz.load.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.load.workload.ExpectedState;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The oracle's judgement, without a database: lost, stale and mismatched, named by sequence number. */
class ObservationsTest {

    private static final UUID[] IDS = {
        UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()
    };

    /** Five messages: final revisions 3, 1, 2 (a delete), 4, 2; final writes seq 10, 11, 12, 13, 14. */
    private final ExpectedState expected = new ExpectedState(
            IDS, new int[] {3, 1, 2, 4, 2}, new boolean[] {false, false, true, false, false}, new long[] {
                10, 11, 12, 13, 14
            });

    private final Observations observations = new Observations(expected);

    @Test
    void everyMessageAtItsFinalWritePasses() {
        observations.observe(0, 3, false, 1_000, 10);
        observations.observe(1, 1, false, 1_000, 11);
        observations.observe(2, 2, true, 1_000, -1);
        observations.observe(3, 4, false, 1_000, 13);
        observations.observe(4, 2, false, 1_000, 14);

        Verdict verdict = observations.verdict(10);
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.visible()).isEqualTo(5);
        assertThat(verdict.samples()).isEmpty();
        assertThat(observations.pending()).isEmpty();
    }

    @Test
    void aMessageWithoutARowIsLostAndNamedByItsFinalSeq() {
        observeAllButTheFirst();

        Verdict verdict = observations.verdict(10);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.lost()).isEqualTo(1);
        assertThat(verdict.samples()).containsExactly(new Finding(10, IDS[0], 3, false, -1, -1));
    }

    @Test
    void aRowAtAnOlderRevisionIsStaleAndShowsWhichWriteIsVisible() {
        observeAllButTheFirst();
        observations.observe(0, 2, false, 1_000, 7);

        Verdict verdict = observations.verdict(10);
        assertThat(verdict.lost()).isZero();
        assertThat(verdict.stale()).isEqualTo(1);
        assertThat(verdict.samples()).containsExactly(new Finding(10, IDS[0], 3, false, 2, 7));
        assertThat(observations.pending()).containsExactly(0);
    }

    @Test
    void aStateTheRunNeverSentIsMismatchedNotStale() {
        observeAllButTheFirst();
        observations.observe(0, 3, true, 1_000, -1);
        observations.observe(1, 5, false, 1_000, 99);

        Verdict verdict = observations.verdict(10);
        assertThat(verdict.mismatched()).isEqualTo(2);
        assertThat(verdict.stale()).isZero();
        assertThat(verdict.passed()).isFalse();
    }

    @Test
    void aStaleRowThatCatchesUpLaterIsVisible() {
        observeAllButTheFirst();
        observations.observe(0, 1, false, 1_000, 3);
        assertThat(observations.pending()).containsExactly(0);

        assertThat(observations.observe(0, 3, false, 2_000, 10)).isTrue();
        assertThat(observations.persistedMicros(0)).isEqualTo(2_000);
        assertThat(observations.verdict(10).passed()).isTrue();
    }

    @Test
    void samplesAreCappedPerKindButCountsAreNot() {
        Verdict verdict = observations.verdict(2);
        assertThat(verdict.lost()).isEqualTo(5);
        assertThat(verdict.samples()).extracting(Finding::seq).containsExactly(10L, 11L);
    }

    private void observeAllButTheFirst() {
        observations.observe(1, 1, false, 1_000, 11);
        observations.observe(2, 2, true, 1_000, -1);
        observations.observe(3, 4, false, 1_000, 13);
        observations.observe(4, 2, false, 1_000, 14);
    }
}
