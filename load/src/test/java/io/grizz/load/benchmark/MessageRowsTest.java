package io.grizz.load.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.DecodeResult;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteDecoder;
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
            MessageRow row = rows.row(m);
            MessageWrite event = last.get(row.id());
            assertThat(row.conversationId()).isEqualTo(event.conversationId());
            assertThat(row.userId()).isEqualTo(event.userId());
            assertThat(row.revision()).isEqualTo(event.revision());
            assertThat(row.content()).isEqualTo(event.content());
            assertThat(row.metadataJson()).isEqualTo(event.metadataJson());
            assertThat(row.deletedAt() != null).isEqualTo(event.isDelete());
            assertThat(row.role()).isNotNull();
        }
    }
}
