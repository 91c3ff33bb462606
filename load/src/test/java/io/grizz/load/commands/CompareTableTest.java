package io.grizz.load.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.load.report.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompareTableTest {

    @Test
    void mediansOfOddAndEvenRounds() {
        assertThat(CompareCommand.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(CompareCommand.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(CompareCommand.median(new double[] {7})).isEqualTo(7);
    }

    @Test
    void theTableShowsEveryRoundTheMedianAndHowTheDrainComparesToEach() {
        Table table = CompareCommand.table(
                new double[] {100_000, 98_000, 99_000},
                new double[] {2_500, 2_400, 2_600},
                new double[] {80_000, 75_000, 79_200});

        assertThat(table.header()).containsExactly("rows/s", "round 1", "round 2", "round 3", "median", "drain / this");
        assertThat(table.rows().get(0))
                .containsExactly("ceiling: COPY, 1 stream", "100,000", "98,000", "99,000", "99,000", "0.80 x");
        assertThat(table.rows().get(1)).endsWith("2,500", "31.68 x");
        assertThat(table.rows().get(2)).endsWith("79,200", "1.00 x");
    }

    @Test
    void theCpuTableHasARowPerProcessAndAColumnPerRound() {
        Table table = CompareCommand.cpuTable(List.of(Map.of("worker", 0.9), Map.of("worker", 1.1, "PostgreSQL", 0.7)));
        assertThat(table.header()).containsExactly("cores during the drain", "round 1", "round 2", "median");
        assertThat(table.rows())
                .containsExactly(
                        List.of("worker", "0.90", "1.10", "1.00"), List.of("PostgreSQL", "0.00", "0.70", "0.35"));
    }
}
