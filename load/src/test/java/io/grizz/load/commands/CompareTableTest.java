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
                new double[] {80_000, 75_000, 79_200},
                new double[] {30_000, 29_000, 29_700});

        assertThat(table.header())
                .containsExactly("rows/s", "round 1", "round 2", "round 3", "median", "drain / this", "this / ceiling");
        assertThat(table.rows().get(0))
                .containsExactly(
                        "ceiling: COPY, 1 stream", "100,000", "98,000", "99,000", "99,000", "0.80 x", "1.00 x");
        assertThat(table.rows().get(1)).endsWith("2,500", "31.68 x", "0.03 x");
        assertThat(table.rows().get(2)).endsWith("79,200", "1.00 x", "0.80 x");
    }

    @Test
    void launchToDoneStandsBesideTheDrainEachRoundWithItsRatioToTheCeiling() {
        Table table = CompareCommand.table(
                new double[] {100_000, 98_000, 99_000},
                new double[] {2_500, 2_400, 2_600},
                new double[] {80_000, 75_000, 79_200},
                new double[] {30_000, 29_000, 29_700});

        assertThat(table.rows()).hasSize(4);
        assertThat(table.rows().get(3))
                .containsExactly(
                        "launch to done: worker start to all committed",
                        "30,000",
                        "29,000",
                        "29,700",
                        "29,700",
                        "2.67 x",
                        "0.30 x");
    }

    @Test
    void theCpuPerRowTableDividesEachRoundsCoresByItsDrainRate() {
        Table table = CompareCommand.cpuPerRowTable(
                List.of(Map.of("worker", 0.9), Map.of("worker", 1.2)),
                new double[] {30_000, 40_000},
                new double[] {Double.NaN, Double.NaN});
        assertThat(table.header()).containsExactly("µs of CPU per row", "round 1", "round 2", "median");
        assertThat(table.rows()).containsExactly(List.of("worker", "30.0", "30.0", "30.0"));
    }

    @Test
    void theCpuPerRowTableEndsWithTheDatabasesCostDuringTheCeilingsCopy() {
        Table table = CompareCommand.cpuPerRowTable(
                List.of(Map.of("PostgreSQL", 0.6), Map.of("PostgreSQL", 0.8)),
                new double[] {30_000, 40_000},
                new double[] {16.0, 18.0});
        assertThat(table.rows())
                .containsExactly(
                        List.of("PostgreSQL", "20.0", "20.0", "20.0"),
                        List.of("PostgreSQL during COPY (ceiling)", "16.0", "18.0", "17.0"));
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
