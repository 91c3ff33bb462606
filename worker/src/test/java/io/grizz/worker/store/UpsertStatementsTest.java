package io.grizz.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UpsertStatementsTest {

    @Test
    void timestampsTravelAsExactMicrosecondsSinceTheEpoch() {
        assertThat(UpsertStatements.micros(Instant.parse("1970-01-01T00:00:00Z")))
                .isZero();
        assertThat(UpsertStatements.micros(Instant.parse("2026-03-01T12:00:00.123456Z")))
                .isEqualTo(1_772_366_400_123_456L);
        // before the epoch: seconds down, microseconds up, as Instant keeps them
        assertThat(UpsertStatements.micros(Instant.parse("1969-12-31T23:59:59.500001Z")))
                .isEqualTo(-499_999L);
        assertThat(UpsertStatements.micros(null)).isNull();
    }

    @Test
    void theStatementsAreDerivedFromEachTablesColumnsDeclaredOnce() {
        assertThat(UpsertStatements.INSERT_CONVERSATIONS).isEqualTo("""
                        INSERT INTO conversations (id, user_id, created_at, updated_at)
                        SELECT id, user_id, %s, %s
                          FROM unnest(?::uuid[], ?::uuid[], ?::int8[], ?::int8[])
                               AS batch (id, user_id, created_at, updated_at)
                        """.formatted(
                        UpsertStatements.fromMicros("created_at"), UpsertStatements.fromMicros("updated_at")));
        assertThat(UpsertStatements.INSERT_MESSAGES)
                .startsWith("INSERT INTO messages (id, conversation_id, user_id, role, content, metadata, revision, "
                        + "created_at, updated_at, deleted_at)\n"
                        + "SELECT id, conversation_id, user_id, role, content, metadata::jsonb, revision, ")
                .contains("FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::int4[], "
                        + "?::int8[], ?::int8[], ?::int8[])");
        assertThat(UpsertStatements.UPSERT_MESSAGES).startsWith(UpsertStatements.INSERT_MESSAGES + "ON CONFLICT (id)");
        assertThat(UpsertStatements.COPY_MESSAGES)
                .isEqualTo("COPY messages (id, conversation_id, user_id, role, content, metadata, revision, "
                        + "created_at, updated_at, deleted_at) FROM STDIN (FORMAT binary)");
        assertThat(UpsertStatements.WRITE.chars().filter(c -> c == '?'))
                .as("one array parameter per column: conversations twice, messages twice")
                .hasSize(4 + 4 + 10 + 10);
        assertThat(UpsertStatements.WRITE_BEFORE_COPY.chars().filter(c -> c == '?'))
                .hasSize(4 + 4 + 10);
    }
}
