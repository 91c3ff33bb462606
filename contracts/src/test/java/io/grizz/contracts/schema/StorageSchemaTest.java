package io.grizz.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The model's own rules; that it matches the migrations is {@code StorageSchemaIT}'s (worker). */
class StorageSchemaTest {

    @Test
    void aColumnTheModelDoesNotKnowFailsWhereItIsLookedUp() {
        assertThat(StorageSchema.MESSAGES.column("revision").type()).isEqualTo(SqlType.INTEGER);
        assertThatThrownBy(() -> StorageSchema.MESSAGES.column("title"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the storage schema has no column messages.title");
    }

    @Test
    void aColumnDeclaredTwiceIsRefused() {
        ColumnModel id = ColumnModel.required("id", SqlType.UUID, ColumnRole.INSERTED);
        assertThatThrownBy(() -> new TableModel("t", List.of(id, id)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t.id is declared twice");
    }

    @Test
    void theRolesListTheirColumnsInTableOrder() {
        assertThat(names(StorageSchema.MESSAGES.columns(ColumnRole.UPSERTED)))
                .containsExactly("role", "content", "metadata", "revision", "updated_at", "deleted_at");
        assertThat(names(StorageSchema.MESSAGES.columns(ColumnRole.STAMPED))).containsExactly("persisted_at");
        assertThat(names(StorageSchema.CONVERSATIONS.columns(ColumnRole.UPSERTED)))
                .containsExactly("updated_at");
    }

    @Test
    void whatTheUpsertOverwritesIsWhatTheInsertWrote() {
        for (TableModel table : List.of(StorageSchema.CONVERSATIONS, StorageSchema.MESSAGES)) {
            assertThat(table.columns(ColumnRole.INSERTED))
                    .as(table.name())
                    .containsAll(table.columns(ColumnRole.UPSERTED));
            for (ColumnModel stamped : table.columns(ColumnRole.STAMPED)) {
                assertThat(stamped.has(ColumnRole.INSERTED))
                        .as("a stamped column is left to its default on insert: " + stamped.name())
                        .isFalse();
            }
        }
    }

    private static List<String> names(List<ColumnModel> columns) {
        return columns.stream().map(ColumnModel::name).toList();
    }
}
