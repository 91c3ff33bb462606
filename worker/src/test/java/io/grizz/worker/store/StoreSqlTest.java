package io.grizz.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreSqlTest {

    @Test
    void theStatementsAreDerivedFromEachTablesColumnsDeclaredOnce() {
        assertThat(StoreSql.INSERT_CONVERSATIONS)
                .isEqualTo("""
                        INSERT INTO conversations (id, user_id, created_at, updated_at)
                        SELECT id, user_id, %s, %s
                          FROM unnest(?::uuid[], ?::uuid[], ?::int8[], ?::int8[])
                               AS batch (id, user_id, created_at, updated_at)
                        """.formatted(Micros.toTimestamptz("created_at"), Micros.toTimestamptz("updated_at")));
        assertThat(StoreSql.INSERT_MESSAGES)
                .startsWith("INSERT INTO messages (id, conversation_id, user_id, role, content, metadata, revision, "
                        + "created_at, updated_at, deleted_at)\n"
                        + "SELECT id, conversation_id, user_id, role, content, metadata::jsonb, revision, ")
                .contains("FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::int4[], "
                        + "?::int8[], ?::int8[], ?::int8[])");
        assertThat(StoreSql.UPSERT_MESSAGES).startsWith(StoreSql.INSERT_MESSAGES + "ON CONFLICT (id)");
        assertThat(StoreSql.COPY_MESSAGES)
                .isEqualTo("COPY messages (id, conversation_id, user_id, role, content, metadata, revision, "
                        + "created_at, updated_at, deleted_at) FROM STDIN (FORMAT binary)");
        assertThat(StoreSql.WRITE.chars().filter(c -> c == '?'))
                .as("one array parameter per column: conversations twice, messages twice")
                .hasSize(4 + 4 + 10 + 10);
        assertThat(StoreSql.WRITE_BEFORE_COPY.chars().filter(c -> c == '?')).hasSize(4 + 4 + 10);
    }
}
