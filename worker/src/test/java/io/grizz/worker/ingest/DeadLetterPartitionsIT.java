package io.grizz.worker.ingest;

import static io.grizz.worker.support.IngestFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.MessageWriteEncoder;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.IngestFixture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/contract.md §3, dead letters: the dead-letter topic follows its source's partitions. After
 * partitions are added to the source, a bad record on a new partition reaches the dead-letter
 * topic (on the partition number it came from, which the worker added) and the valid record
 * behind it is applied within 60 s, whether the worker was restarted or saw the source grow while
 * it ran.
 */
class DeadLetterPartitionsIT {

    private static final MessageWriteEncoder ENCODER = new MessageWriteEncoder();
    private static final int NEW_PARTITION = 3;

    @Test
    void aSourceGrownWhileTheWorkerWasStoppedHasItsDeadLettersOnTheNewPartitions() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("dlt_grown_stopped", 2)) {
            ConfigurableApplicationContext worker = fixture.startWorker();
            fixture.awaitTrue(() -> partitions(fixture, fixture.deadLetterTopic()) == 2);
            worker.close();

            growSource(fixture, 4);
            fixture.startWorker();

            aBadRecordOnTheNewPartitionIsDeadLetteredAndTheOneBehindItApplied(fixture);
        }
    }

    @Test
    void aSourceGrownWhileTheWorkerRunsHasItsDeadLettersOnTheNewPartitions() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("dlt_grown_running", 2)) {
            fixture.startWorker();
            UUID first = UUID.randomUUID();
            UUID conversation = UUID.randomUUID();
            fixture.send(Events.created(conversation, UUID.randomUUID(), first, 1, "consuming"));
            fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", first);
            assertThat(partitions(fixture, fixture.deadLetterTopic())).isEqualTo(2);

            growSource(fixture, 4);

            aBadRecordOnTheNewPartitionIsDeadLetteredAndTheOneBehindItApplied(fixture);
        }
    }

    private static void aBadRecordOnTheNewPartitionIsDeadLetteredAndTheOneBehindItApplied(IngestFixture fixture)
            throws Exception {
        UUID conversation = UUID.randomUUID();
        UUID behind = UUID.randomUUID();
        byte[] bad = "{not json".getBytes(StandardCharsets.UTF_8);
        fixture.sendRaw(NEW_PARTITION, conversation.toString(), bad);
        fixture.sendRaw(
                NEW_PARTITION,
                conversation.toString(),
                ENCODER.encode(Events.created(conversation, UUID.randomUUID(), behind, 1, "behind the bad one")));
        fixture.flush();

        fixture.awaitCount(Duration.ofSeconds(60), 1, "SELECT count(*) FROM messages WHERE id = ?", behind);

        List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.deadLetters(1);
        assertThat(deadLetters).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.partition()).isEqualTo(NEW_PARTITION);
            assertThat(header(deadLetter, "dlt-reason")).isEqualTo("malformed");
            assertThat(deadLetter.value()).isEqualTo(bad);
            assertThat(ByteBuffer.wrap(deadLetter
                                    .headers()
                                    .lastHeader("kafka_dlt-original-partition")
                                    .value())
                            .getInt())
                    .isEqualTo(NEW_PARTITION);
        });
        assertThat(partitions(fixture, fixture.deadLetterTopic())).isEqualTo(4);
    }

    private static void growSource(IngestFixture fixture, int partitions) throws Exception {
        try (Admin admin = admin(fixture)) {
            admin.createPartitions(Map.of(fixture.topic(), NewPartitions.increaseTo(partitions)))
                    .all()
                    .get();
        }
        fixture.awaitTrue(() -> partitions(fixture, fixture.topic()) == partitions);
    }

    private static int partitions(IngestFixture fixture, String topic) {
        try (Admin admin = admin(fixture)) {
            return admin.describeTopics(Set.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
        } catch (Exception e) {
            return -1;
        }
    }

    private static Admin admin(IngestFixture fixture) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.kafkaBootstrapServers()));
    }
}
