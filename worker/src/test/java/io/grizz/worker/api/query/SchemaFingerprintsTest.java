package io.grizz.worker.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SchemaFingerprintsTest {

    @Test
    void everyMigrationThisBuildCarriesHasAFingerprint() {
        int expected = SchemaFingerprints.expectedVersion();
        assertThat(expected).isGreaterThanOrEqualTo(3);
        assertThat(SchemaFingerprints.BY_VERSION.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, expected).boxed().toList());
    }

    @Test
    void oneQueryAnswersEveryFingerprintHighestFirst() {
        assertThat(SchemaFingerprints.query())
                .startsWith("SELECT (")
                .contains(") AS v3, (")
                .endsWith(") AS v1");
    }

    @Test
    void theStatementTimeoutIsWholeSecondsRoundedUpAndNeverZero() {
        assertThat(ReadStatements.seconds(Duration.ofSeconds(5))).isEqualTo(5);
        assertThat(ReadStatements.seconds(Duration.ofMillis(500))).isEqualTo(1);
        assertThat(ReadStatements.seconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(ReadStatements.seconds(Duration.ZERO)).isEqualTo(1);
    }
}
