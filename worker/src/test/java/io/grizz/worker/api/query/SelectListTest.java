package io.grizz.worker.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.schema.StorageSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectListTest {

    @Test
    void theApisColumnsAreTheModelsReadByApiOnesInTableOrderJsonbAsText() {
        assertThat(SelectList.read(StorageSchema.MESSAGES, SelectList::asRead))
                .containsExactly(
                        "id",
                        "conversation_id",
                        "user_id",
                        "role",
                        "content",
                        "metadata::text AS metadata",
                        "revision",
                        "created_at",
                        "updated_at",
                        "deleted_at");
    }

    @Test
    void aLineBreaksBeforeTheItemThatWouldTakeItPastTheWidthFurtherLinesUnderTheFirstItem() {
        String long44 = "x".repeat(44);
        assertThat(SelectList.wrap(List.of("a", long44, long44, "b"), 4))
                .isEqualTo("a, " + long44 + ",\n    " + long44 + ", b");
        assertThat(SelectList.wrap(List.of("only"), 10)).isEqualTo("only");
    }
}
