package io.grizz.load.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelinesTest {

    @Test
    void bucketsAreRoundAndFewEnoughForAChart() {
        assertThat(Timelines.bucketMicros(1_000)).isEqualTo(100_000);
        assertThat(Timelines.bucketMicros(6_000_000)).isEqualTo(100_000);
        assertThat(Timelines.bucketMicros(10_000_000)).isEqualTo(200_000);
        assertThat(Timelines.bucketMicros(70_000_000)).isEqualTo(2_000_000);
        assertThat(Timelines.bucketMicros(3_600_000_000L)).isEqualTo(100_000_000);
    }

    @Test
    void ratesCountEachBucketAndShowGapsAsZeros() {
        long origin = 1_000_000_000;
        long[] times = {origin + 10, origin + 20, origin + 999_999, 0, origin + 2_500_000};
        Series series = Timelines.ratePerSecond("rows", times, origin, 1_000_000);
        assertThat(series.points()).extracting(p -> p[0]).containsExactly(0.0, 1.0, 2.0);
        assertThat(series.points()).extracting(p -> p[1]).containsExactly(3.0, 0.0, 1.0);
    }

    @Test
    void ratesAreScaledToPerSecond() {
        Series series = Timelines.ratePerSecond("rows", new long[] {5, 6, 7}, 0, 100_000);
        assertThat(series.points().get(0)[1]).isEqualTo(30.0);
    }

    @Test
    void latencyWindowsFollowSendTime() {
        long[] sent = {0, 1_000_000, 1_500_000, 6_000_000, 6_100_000};
        long[] latency = {99, 2_000, 4_000, 10_000, 30_000};
        List<Series> series = Timelines.latencyPerWindow(sent, latency, 1_000_000, 5_000_000);
        assertThat(series).extracting(Series::name).containsExactly("p50", "p99", "max");
        Series max = series.get(2);
        assertThat(max.points()).extracting(p -> p[0]).containsExactly(5.0, 10.0);
        assertThat(max.points().get(0)[1]).isCloseTo(4.0, within(0.01));
        assertThat(max.points().get(1)[1]).isCloseTo(30.0, within(0.03));
    }
}
