package io.grizz.load.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.DecodeResult;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.contracts.schema.ColumnModel;
import io.grizz.contracts.schema.SqlType;
import io.grizz.load.workload.EventMix;
import io.grizz.load.workload.EventStream;
import io.grizz.load.workload.GeneratedWorkload;
import io.grizz.load.workload.OutgoingEvent;
import io.grizz.load.workload.WorkloadSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The baselines must write what the worker writes for the same workload, or compare compares different data. */
class MessageRowsTest {

    @Test
    void eachRowIsTheStateOfItsMessagesFinalWrite() {
        GeneratedWorkload workload =
                GeneratedWorkload.generate(new WorkloadSpec(1_000, 20, EventMix.DEFAULT, 10, 80, 5), "rows");
        Map<UUID, MessageWrite> last = new HashMap<>();
        MessageWriteDecoder decoder = new MessageWriteDecoder();
        for (EventStream stream : workload.streams()) {
            while (stream.hasNext()) {
                OutgoingEvent out = stream.next(Instant.now());
                DecodeResult decoded = decoder.decode(out.key(), out.value());
                last.put(decoded.event().messageId(), decoded.event());
            }
        }
        MessageRows rows = new MessageRows(workload);
        assertThat(rows.count()).isEqualTo(last.size());
        for (int m = 0; m < rows.count(); m++) {
            Object[] row = rows.row(m);
            MessageWrite event = last.get((UUID) value(row, "id"));
            assertThat(value(row, "conversation_id")).isEqualTo(event.conversationId());
            assertThat(value(row, "user_id")).isEqualTo(event.userId());
            assertThat(value(row, "revision")).isEqualTo(event.revision());
            assertThat(value(row, "content")).isEqualTo(event.content());
            assertThat(value(row, "metadata")).isEqualTo(event.metadataJson());
            assertThat(value(row, "deleted_at") != null).isEqualTo(event.isDelete());
            assertThat(value(row, "role")).isNotNull();
        }
    }

    /** Every column the model says is NOT NULL has a value, of the Java type the encoder takes for its type. */
    @Test
    void eachRowFillsTheModelsColumnsWithTheirTypesValues() {
        GeneratedWorkload workload =
                GeneratedWorkload.generate(new WorkloadSpec(200, 20, EventMix.DEFAULT, 10, 80, 5), "types");
        MessageRows rows = new MessageRows(workload);
        for (int m = 0; m < rows.count(); m++) {
            Object[] row = rows.row(m);
            assertThat(row).hasSize(MessageRows.COLUMNS.size());
            for (int c = 0; c < row.length; c++) {
                ColumnModel column = MessageRows.COLUMNS.get(c);
                if (!column.nullable()) {
                    assertThat(row[c]).as(column.name()).isNotNull();
                }
                if (row[c] != null) {
                    assertThat(row[c]).as(column.name()).isInstanceOf(JAVA_TYPES.get(column.type()));
                }
            }
        }
    }

    private static final Map<SqlType, Class<?>> JAVA_TYPES = Map.of(
            SqlType.UUID, UUID.class,
            SqlType.TEXT, String.class,
            SqlType.JSONB, String.class,
            SqlType.INTEGER, Integer.class,
            SqlType.TIMESTAMPTZ, Instant.class);

    private static Object value(Object[] row, String column) {
        return row[MessageRows.slot(column)];
    }
}
