package io.grizz.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlStatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "57P01", "57P02", "57P03", "53300", "40001", "40P01"})
    void outagesOverloadAndConflictsAreTransient(String state) {
        SQLException e = new SQLException("x", state);
        assertThat(SqlStates.isTransient(e)).isTrue();
        assertThat(SqlStates.isRecordError(e)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"22P02", "22001", "23514", "23505", "23503"})
    void dataAndConstraintErrorsAreTheRecordsFault(String state) {
        SQLException e = new SQLException("x", state);
        assertThat(SqlStates.isRecordError(e)).isTrue();
        assertThat(SqlStates.isTransient(e)).isFalse();
    }

    @Test
    void thePoolTimingOutIsTransientEvenWithoutAState() {
        assertThat(SqlStates.isTransient(new RuntimeException(new java.sql.SQLTransientConnectionException("pool"))))
                .isTrue();
    }

    @Test
    void theStateIsFoundThroughWrappingExceptions() {
        RuntimeException wrapped = new RuntimeException(new IllegalStateException(new SQLException("x", "23514")));
        assertThat(SqlStates.sqlState(wrapped)).isEqualTo("23514");
        assertThat(SqlStates.isRecordError(wrapped)).isTrue();
    }

    @Test
    void anUnclassifiedFailureIsNeitherSoItIsRetriedNotDeadLettered() {
        assertThat(SqlStates.isRecordError(new RuntimeException("boom"))).isFalse();
        assertThat(SqlStates.isRecordError(new SQLException("x", "XX000"))).isFalse();
    }
}
