package io.grizz.worker.ingest;

import static io.grizz.worker.support.IngestFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.MessageWrite;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.ReadApiFixture;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * docs/contract.md §3 (revised), through the worker: a metadata number beyond ±308 is a dead letter, the edges are
 * stored.
 */
class MetadataNumberRangeIT {

    @Test
    void aHugeExponentIsASchemaViolationAndTheLargestAndSmallestAllowedAreApplied() {
        ReadApiFixture fixture = ReadApiFixture.shared();
        UUID user = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        MessageWrite huge = Events.created(conversation, user, UUID.randomUUID(), 1, "huge", "{\"n\":1e131071}");
        MessageWrite largest = Events.created(conversation, user, UUID.randomUUID(), 1, "largest", "{\"n\":1e308}");
        MessageWrite smallest = Events.created(conversation, user, UUID.randomUUID(), 1, "smallest", "{\"n\":-1e-308}");
        fixture.ingest().send(huge);
        fixture.sendAndAwait(largest, smallest);

        assertThat(fixture.ingest().count("SELECT count(*) FROM messages WHERE id = ?", huge.messageId()))
                .isZero();
        assertThat(fixture.ingest()
                        .count(
                                "SELECT count(*) FROM messages WHERE id IN (?, ?) AND jsonb_exists(metadata, 'n')",
                                largest.messageId(),
                                smallest.messageId()))
                .isEqualTo(2);
        List<ConsumerRecord<byte[], byte[]>> dead = fixture.ingest().deadLetters(1).stream()
                .filter(r -> new String(r.value()).contains(huge.eventId().toString()))
                .toList();
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(header(r, "dlt-reason")).isEqualTo("schema_violation");
            assertThat(header(r, "dlt-detail")).contains("metadata.n");
        });
    }
}
