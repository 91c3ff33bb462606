package io.grizz.load.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.load.report.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementTimesTest {

    @Test
    void eachStatementGetsItsShareAndItsTimePerRowOfTheRun() {
        Table table = StatementTimes.table(
                List.of(
                        new StatementTimes.Timed("COPY messages (id) FROM STDIN", 10, 1000, 30.0),
                        new StatementTimes.Timed("SELECT id\n      FROM conversations", 10, 100, 10.0)),
                2000,
                "the drain");

        assertThat(table.title()).startsWith("Database time by statement during the drain");
        assertThat(table.rows())
                .containsExactly(
                        List.of("COPY messages (id) FROM STDIN", "10", "1000", "30", "75.0", "15.00"),
                        List.of("SELECT id FROM conversations", "10", "100", "10", "25.0", "5.00"));
    }

    @Test
    void aLongStatementIsCutToOneLineOfTheTable() {
        String shortened = StatementTimes.shortened("SELECT " + "x, ".repeat(60) + "y FROM t");

        assertThat(shortened).hasSize(90).endsWith("…").doesNotContain("\n");
    }
}
