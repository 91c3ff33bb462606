package io.grizz.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grizz.contracts.schema.StorageSchema;
import java.util.List;
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

    @Test
    void aWrittenColumnTheModelDoesNotKnowFailsWhereItIsDeclared() {
        assertThatThrownBy(() -> Column.text(StorageSchema.MESSAGES.column("title"), MessageRow::content))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the storage schema has no column messages.title");
    }

    @Test
    void aColumnTheModelDoesNotFlagInsertedOrTypesOtherwiseIsRefused() {
        assertThatThrownBy(
                        () -> Column.timestamptz(StorageSchema.MESSAGES.column("persisted_at"), MessageRow::createdAt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model does not flag persisted_at INSERTED");
        assertThatThrownBy(() -> Column.text(StorageSchema.MESSAGES.column("metadata"), MessageRow::metadataJson))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metadata is JSONB in the model, bound as TEXT");
    }

    @Test
    void aTableMustWriteExactlyTheModelsInsertedColumnsInItsOrder() {
        Column<ConversationRow> id = Column.uuid(StorageSchema.CONVERSATIONS.column("id"), ConversationRow::id);
        Column<ConversationRow> userId =
                Column.uuid(StorageSchema.CONVERSATIONS.column("user_id"), ConversationRow::userId);
        assertThatThrownBy(() -> new Table<>(StorageSchema.CONVERSATIONS, List.of(id, userId)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the columns written to conversations (id, user_id) are not the model's INSERTED ones "
                        + "(id, user_id, created_at, updated_at)");
        List<Column<ConversationRow>> swapped = List.of(
                userId,
                id,
                StoreSql.CONVERSATIONS.columns().get(2),
                StoreSql.CONVERSATIONS.columns().get(3));
        assertThatThrownBy(() -> new Table<>(StorageSchema.CONVERSATIONS, swapped))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theUpsertsSetTheModelsUpsertedColumnsFromTheRowAndItsStampedOnesToNow() {
        assertThat(StoreSql.CONVERSATIONS.upsertAssignments()).containsExactly("updated_at = excluded.updated_at");
        assertThat(StoreSql.MESSAGES.upsertAssignments())
                .containsExactly(
                        "role = excluded.role",
                        "content = excluded.content",
                        "metadata = excluded.metadata",
                        "revision = excluded.revision",
                        "updated_at = excluded.updated_at",
                        "deleted_at = excluded.deleted_at",
                        "persisted_at = now()");
    }
}
