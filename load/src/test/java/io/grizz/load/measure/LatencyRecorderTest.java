package io.grizz.load.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesOfAKnownDistributionAreExactToAThousandth() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int ms = 1; ms <= 10_000; ms++) {
            recorder.record(ms * 1_000L);
        }
        LatencySummary summary = recorder.summary("uniform");
        assertThat(summary.count()).isEqualTo(10_000);
        assertThat(summary.p50Ms()).isCloseTo(5_000, within(5.0));
        assertThat(summary.p90Ms()).isCloseTo(9_000, within(9.0));
        assertThat(summary.p99Ms()).isCloseTo(9_900, within(10.0));
        assertThat(summary.p999Ms()).isCloseTo(9_990, within(10.0));
        assertThat(summary.maxMs()).isCloseTo(10_000, within(10.0));
        assertThat(summary.meanMs()).isCloseTo(5_000.5, within(5.0));
    }

    @Test
    void aSingleOutlierIsTheMaxButNotTheP99() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < 999; i++) {
            recorder.record(2_000);
        }
        recorder.record(3_000_000);
        LatencySummary summary = recorder.summary("outlier");
        assertThat(summary.p99Ms()).isCloseTo(2, within(0.01));
        assertThat(summary.maxMs()).isCloseTo(3_000, within(3.0));
    }

    @Test
    void negativeLatenciesAreCountedApartAndRecordedAsZero() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(-5_000);
        recorder.record(1_000);
        assertThat(recorder.negative()).isEqualTo(1);
        assertThat(recorder.summary("skew").count()).isEqualTo(2);
        assertThat(recorder.summary("skew").p50Ms()).isZero();
    }

    @Test
    void recordersOfSeveralThreadsMerge() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        a.record(1_000);
        b.record(9_000);
        b.record(-1);
        a.add(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.negative()).isEqualTo(1);
        assertThat(a.summary("merged").maxMs()).isCloseTo(9, within(0.01));
    }

    @Test
    void anEmptyRecorderSummarisesAsZeros() {
        assertThat(new LatencyRecorder().summary("none")).isEqualTo(new LatencySummary("none", 0, 0, 0, 0, 0, 0, 0));
        assertThat(new LatencyRecorder().spectrum()).isEmpty();
    }

    @Test
    void theSpectrumRisesFromTheMinimumToTheMaximumOnANinesScale() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int ms = 1; ms <= 1_000; ms++) {
            recorder.record(ms * 1_000L);
        }
        List<double[]> spectrum = recorder.spectrum();
        assertThat(spectrum.get(0)[0]).isZero();
        assertThat(spectrum.get(spectrum.size() - 1)[1]).isCloseTo(1_000, within(1.0));
        assertThat(spectrum.get(spectrum.size() - 1)[0])
                .as("log10 of the count, at least")
                .isGreaterThanOrEqualTo(3);
        for (int i = 1; i < spectrum.size(); i++) {
            assertThat(spectrum.get(i)[0]).isGreaterThanOrEqualTo(spectrum.get(i - 1)[0]);
            assertThat(spectrum.get(i)[1]).isGreaterThanOrEqualTo(spectrum.get(i - 1)[1]);
        }
    }
}
