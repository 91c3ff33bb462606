package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class MisroutedRecordsTest {

    private static final String TOPIC = "writes";

    @Test
    void theExpectedPartitionIsTheJavaProducersForTheLowerCaseText() {
        for (int i = 0; i < 1000; i++) {
            String id = UUID.randomUUID().toString();
            byte[] key = id.getBytes(StandardCharsets.UTF_8);
            int expected = BuiltInPartitioner.partitionForKey(key, 12);
            assertThat(MisroutedRecords.expectedPartition(key, 12)).isEqualTo(expected);
            byte[] upper = id.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            byte[] mixed =
                    (id.substring(0, 18) + id.substring(18).toUpperCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
            assertThat(MisroutedRecords.expectedPartition(mixed, 12)).isEqualTo(expected);
            assertThat(MisroutedRecords.expectedPartition(upper, 12))
                    .as("an upper-case key belongs where its conversation's writes go")
                    .isEqualTo(expected);
        }
    }

    @Test
    void aKeyThatIsNoUuidHasNoExpectedPartition() {
        assertThat(MisroutedRecords.expectedPartition("not a uuid".getBytes(StandardCharsets.UTF_8), 3))
                .isEqualTo(-1);
        assertThat(MisroutedRecords.expectedPartition("1-1-1-1-1".getBytes(StandardCharsets.UTF_8), 3))
                .isEqualTo(-1);
        assertThat(MisroutedRecords.expectedPartition(new byte[0], 3)).isEqualTo(-1);
        assertThat(MisroutedRecords.expectedPartition(
                        "0000000g-0000-0000-0000-000000000000".getBytes(StandardCharsets.US_ASCII), 3))
                .as("hyphens in place, but no hex")
                .isEqualTo(-1);
    }

    @Test
    void recordsOnAnotherPartitionAreCountedOnceEvenWhenTheBatchComesAgain() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MisroutedRecords interceptor = new MisroutedRecords(registry, new AtomicLong()::get);
        MockConsumer<Object, Object> consumer = consumer(4);
        List<ConsumerRecord<Object, Object>> list = new ArrayList<>();
        int wrong = 0;
        for (int offset = 0; offset < 40; offset++) {
            byte[] key = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
            int expected = BuiltInPartitioner.partitionForKey(key, 4);
            // every other record on its own partition, the rest one further on
            int partition = offset % 2 == 0 ? expected : (expected + 1) % 4;
            wrong += partition == expected ? 0 : 1;
            list.add(record(partition, offset, key));
        }
        ConsumerRecords<Object, Object> batch = batch(list);

        interceptor.intercept(batch, consumer);
        interceptor.intercept(batch, consumer);

        assertThat(registry.counter("grizz.events.misrouted").count())
                .isEqualTo(wrong)
                .isEqualTo(20);
    }

    private static MockConsumer<Object, Object> consumer(int partitions) {
        MockConsumer<Object, Object> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(TOPIC, p, node, new Node[] {node}, new Node[] {node}));
        }
        consumer.updatePartitions(TOPIC, infos);
        return consumer;
    }

    private static ConsumerRecord<Object, Object> record(int partition, long offset, byte[] key) {
        return new ConsumerRecord<>(
                TOPIC,
                partition,
                offset,
                0L,
                TimestampType.CREATE_TIME,
                key.length,
                0,
                key,
                new byte[0],
                new RecordHeaders(),
                Optional.empty());
    }

    private static ConsumerRecords<Object, Object> batch(List<ConsumerRecord<Object, Object>> records) {
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> byPartition = new java.util.HashMap<>();
        for (ConsumerRecord<Object, Object> r : records) {
            byPartition
                    .computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new ArrayList<>())
                    .add(r);
        }
        byPartition.values().forEach(l -> l.sort(java.util.Comparator.comparingLong(ConsumerRecord::offset)));
        return new ConsumerRecords<>(byPartition, Map.of());
    }
}
