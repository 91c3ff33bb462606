package io.grizz.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The write path's statements, byte for byte, as they were spelled by hand before issue 19 derived them from
 * {@code StorageSchema}: the derivation is a structural change, and a changed statement text would be a
 * behaviour change (a new plan, a new {@code pg_stat_statements} entry). Each expected value is the literal the
 * derivation replaced.
 */
class StoreSqlTextTest {

    @Test
    void theReadsAreTheLiteralsTheyReplaced() {
        assertThat(StoreSql.READ_CONVERSATIONS).isEqualTo("""
                SELECT id, user_id, created_at, updated_at
                  FROM conversations
                 WHERE id = ANY (?)""");
        assertThat(StoreSql.LOCK_MESSAGES).isEqualTo("""
                SELECT id, conversation_id, revision, role, created_at, deleted_at IS NOT NULL AS deleted, \
                persisted_at
                  FROM messages
                 WHERE id = ANY (?)
                 ORDER BY id
                   FOR NO KEY UPDATE""");
    }

    @Test
    void theInsertsAndCopyAreTheLiteralsTheyReplaced() {
        assertThat(StoreSql.INSERT_CONVERSATIONS).isEqualTo(INSERT_CONVERSATIONS);
        assertThat(StoreSql.INSERT_MESSAGES).isEqualTo(INSERT_MESSAGES);
        assertThat(StoreSql.COPY_MESSAGES)
                .isEqualTo("COPY messages (id, conversation_id, user_id, role, content, metadata, revision, "
                        + "created_at, updated_at, deleted_at) FROM STDIN (FORMAT binary)");
    }

    @Test
    void theUpsertsAreTheLiteralsTheyReplaced() {
        assertThat(StoreSql.UPSERT_CONVERSATIONS).isEqualTo(INSERT_CONVERSATIONS + """
                ON CONFLICT (id) DO UPDATE
                   SET updated_at = excluded.updated_at
                 WHERE conversations.user_id = excluded.user_id
                   AND conversations.updated_at < excluded.updated_at""");
        assertThat(StoreSql.UPSERT_MESSAGES).isEqualTo(INSERT_MESSAGES + """
                ON CONFLICT (id) DO UPDATE
                   SET role = excluded.role,
                       content = excluded.content,
                       metadata = excluded.metadata,
                       revision = excluded.revision,
                       updated_at = excluded.updated_at,
                       deleted_at = excluded.deleted_at,
                       persisted_at = now()
                 WHERE messages.revision < excluded.revision
                   AND messages.deleted_at IS NULL
                   AND messages.conversation_id = excluded.conversation_id""");
    }

    @Test
    void theCombinedStatementsAreMadeOfTheSameParts() {
        assertThat(StoreSql.READ_AND_LOCK)
                .isEqualTo(StoreSql.SETTINGS + ";\n" + StoreSql.READ_CONVERSATIONS + ";\n" + StoreSql.LOCK_MESSAGES);
        assertThat(StoreSql.WRITE)
                .isEqualTo(INSERT_CONVERSATIONS + ";\n" + StoreSql.UPSERT_CONVERSATIONS + ";\n" + INSERT_MESSAGES
                        + ";\n" + StoreSql.UPSERT_MESSAGES);
    }

    private static final String INSERT_CONVERSATIONS =
            """
            INSERT INTO conversations (id, user_id, created_at, updated_at)
            SELECT id, user_id, %s, %s
              FROM unnest(?::uuid[], ?::uuid[], ?::int8[], ?::int8[])
                   AS batch (id, user_id, created_at, updated_at)
            """.formatted(timestamptz("created_at"), timestamptz("updated_at"));

    private static final String INSERT_MESSAGES =
            """
            INSERT INTO messages (id, conversation_id, user_id, role, content, metadata, revision, created_at, \
            updated_at, deleted_at)
            SELECT id, conversation_id, user_id, role, content, metadata::jsonb, revision, %s, %s, %s
              FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::int4[], ?::int8[], \
            ?::int8[], ?::int8[])
                   AS batch (id, conversation_id, user_id, role, content, metadata, revision, created_at, \
            updated_at, deleted_at)
            """.formatted(timestamptz("created_at"), timestamptz("updated_at"), timestamptz("deleted_at"));

    /** Today's {@code Micros.toTimestamptz}, spelled out: microseconds since the epoch made a timestamptz. */
    private static String timestamptz(String column) {
        return "timestamptz 'epoch' + (" + column + " / 1000000) * interval '1 second' + (" + column
                + " % 1000000) * interval '1 microsecond'";
    }
}
