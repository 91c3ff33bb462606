package io.grizz.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.load.measure.Series;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void ticksAreRoundNumbers() {
        assertThat(SvgChart.niceStep(0.37)).isEqualTo(0.5);
        assertThat(SvgChart.niceStep(1_400)).isEqualTo(2_000);
        assertThat(SvgChart.niceStep(7)).isEqualTo(10);
        assertThat(SvgChart.niceStep(0)).isEqualTo(1);
    }

    @Test
    void percentileTicksCountNines() {
        assertThat(List.of(0, 1, 2, 3, 5))
                .extracting(SvgChart::percentileLabel)
                .containsExactly("0%", "90%", "99%", "99.9%", "99.999%");
    }

    @Test
    void drawsOneLinePerSeriesWithItsLegendAndPlainTickLabels() {
        String svg = SvgChart.render(new Chart(
                "CPU",
                "s",
                "cores",
                List.of(
                        new Series("worker", List.of(new double[] {0, 1.8}, new double[] {1, 0.7})),
                        new Series("PostgreSQL", List.of(new double[] {0, 0.1}, new double[] {1, 0.9}))),
                false));
        assertThat(svg).startsWith("<svg").endsWith("</svg>");
        assertThat(svg.split("<polyline", -1)).hasSize(3);
        assertThat(svg).contains(">worker</text>", ">PostgreSQL</text>", ">0.5</text>", ">1.5</text>");
        assertThat(svg).doesNotContain(">0.500</text>");
    }

    @Test
    void anEmptyChartSaysSo() {
        assertThat(SvgChart.render(new Chart("none", "s", "rows/s", List.of(new Series("rows", List.of())), false)))
                .contains("no data");
    }
}
