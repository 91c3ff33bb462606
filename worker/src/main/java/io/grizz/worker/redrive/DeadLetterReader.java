package io.grizz.worker.redrive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a dead-letter topic once, from the filter's start (default: the beginning) up to the end
 * offsets it finds when it starts, so a redrive terminates even while the worker keeps adding dead
 * letters — including the ones the redrive itself causes.
 *
 * <p>Partitions are assigned by hand, without a consumer group: nothing is committed, no group
 * is left behind, and reading twice reads the same records. Which records a run has already
 * redriven is the operator's to say, by offset range; {@link #read} returns where it stopped.
 */
final class DeadLetterReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    /** A partition that does not move towards its end for this long means the broker is gone. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;

    /** @param connection how to reach the cluster ({@link KafkaClientSettings}); the reader's own settings go on top */
    DeadLetterReader(Map<String, Object> connection, String topic) {
        this.topic = topic;
        Properties config = new Properties();
        config.putAll(connection);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "grizz-redrive-reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Hands every record of the selected partitions between the filter's start and the end offset
     * at start-up to {@code sink}, in offset order per partition.
     *
     * @return per partition read, the offset reading stopped at (the next run's {@code --from-offset})
     * @throws RedriveException when the topic or the partition does not exist, or reading stalls
     */
    Map<Integer, Long> read(RedriveFilter filter, Consumer<DeadLetter> sink) {
        List<TopicPartition> partitions = partitions(filter);
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, METADATA_TIMEOUT);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        Map<Integer, Long> stops = new TreeMap<>();
        Set<TopicPartition> remaining = new HashSet<>();
        for (TopicPartition partition : partitions) {
            long stop = filter.stopOffset(end.get(partition));
            stops.put(partition.partition(), Math.max(stop, filter.startOffset(beginning.get(partition))));
            if (filter.startOffset(beginning.get(partition)) < stop) {
                remaining.add(partition);
            }
        }
        consumer.assign(remaining);
        remaining.forEach(p -> consumer.seek(p, filter.startOffset(beginning.get(p))));
        long lastProgress = System.nanoTime();
        while (!remaining.isEmpty()) {
            var records = consumer.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.offset() < stops.get(record.partition())) {
                    sink.accept(new DeadLetter(record));
                }
            }
            Set<TopicPartition> done = new HashSet<>();
            for (TopicPartition partition : remaining) {
                if (consumer.position(partition, METADATA_TIMEOUT) >= stops.get(partition.partition())) {
                    done.add(partition);
                }
            }
            if (!records.isEmpty() || !done.isEmpty()) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                throw new RedriveException("no progress reading " + topic + " for " + STALL_TIMEOUT.toSeconds()
                        + " s; partitions not finished: " + remaining);
            }
            // paused, not unassigned: a finished partition must not hand over records past its stop
            consumer.pause(done);
            remaining.removeAll(done);
        }
        return stops;
    }

    private List<TopicPartition> partitions(RedriveFilter filter) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new RedriveException("topic " + topic + " does not exist");
        }
        List<TopicPartition> selected = new ArrayList<>();
        for (PartitionInfo info : infos) {
            if (filter.includesPartition(info.partition())) {
                selected.add(new TopicPartition(topic, info.partition()));
            }
        }
        if (selected.isEmpty()) {
            throw new RedriveException(
                    "topic " + topic + " has no partition " + filter.partition() + " (it has " + infos.size() + ")");
        }
        selected.sort(Comparator.comparingInt(TopicPartition::partition));
        return selected;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
