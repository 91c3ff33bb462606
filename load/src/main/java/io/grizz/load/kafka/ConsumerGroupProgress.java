package io.grizz.load.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the worker has got, read from its consumer group's committed offsets. The worker commits a batch's offsets
 * only after its database transaction (docs/contract.md §7), so a committed offset means persisted: a cheap progress
 * signal that
 * costs PostgreSQL nothing while it is being measured. The database itself is checked once at the end.
 *
 * <p>Counted from the topic's end offsets at {@link #open}, so earlier records of a shared topic do not count;
 * or from the beginning, for a topic filled before the worker starts.
 */
public final class ConsumerGroupProgress implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final String topic;
    private final String group;
    private final Map<TopicPartition, Long> start;
    private Map<TopicPartition, Long> end;

    private ConsumerGroupProgress(Admin admin, String topic, String group, Map<TopicPartition, Long> start) {
        this.admin = admin;
        this.topic = topic;
        this.group = group;
        this.start = start;
        this.end = start;
    }

    /** Notes where the topic ends now: the records published from here on are the ones followed. */
    public static ConsumerGroupProgress open(String bootstrapServers, String topic, String group) {
        Admin admin = admin(bootstrapServers);
        try {
            return new ConsumerGroupProgress(admin, topic, group, endOffsets(admin, topic));
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
    }

    /** Follows every record of the topic, for a topic filled before the worker starts (drain). */
    public static ConsumerGroupProgress openFromBeginning(String bootstrapServers, String topic, String group) {
        Admin admin = admin(bootstrapServers);
        ConsumerGroupProgress progress = new ConsumerGroupProgress(admin, topic, group, Map.of());
        progress.markPublished();
        return progress;
    }

    /** Notes where the topic ends after publishing: the records up to here must all be consumed. */
    public void markPublished() {
        end = endOffsets(admin, topic);
    }

    /** Records published since {@link #open} (after {@link #markPublished}). */
    public long published() {
        return sum(end, start);
    }

    /** Records of those the group has committed, i.e. persisted. */
    public long committed() {
        Map<TopicPartition, Long> committed = committedOffsets();
        long done = 0;
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            long from = start.getOrDefault(partition.getKey(), 0L);
            long at = Math.min(committed.getOrDefault(partition.getKey(), from), partition.getValue());
            done += Math.max(0, at - from);
        }
        return done;
    }

    public String group() {
        return group;
    }

    private static Admin admin(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "grizz-load-progress");
        return Admin.create(properties);
    }

    private Map<TopicPartition, Long> committedOffsets() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null && partition.topic().equals(topic)) {
                    committed.put(partition, offset.offset());
                }
            });
            return committed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) {
        try {
            List<TopicPartition> partitions = admin
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(
                            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, Long> ends = new HashMap<>();
            offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the end offsets of " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the end offsets of topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private static long sum(Map<TopicPartition, Long> to, Map<TopicPartition, Long> from) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> partition : to.entrySet()) {
            total += partition.getValue() - from.getOrDefault(partition.getKey(), 0L);
        }
        return total;
    }

    @Override
    public void close() {
        admin.close();
    }
}
