package io.grizz.worker.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.BatchInterceptor;

/**
 * {@code grizz_partition_lag_seconds{partition}} (docs/contract.md §7): the age of the oldest record of a
 * partition that is not committed yet, 0 when the partition is caught up. Lag in time is what an operator
 * and an autoscaler act on: a lag of 10,000 offsets is a second on a busy partition and an hour on a quiet one.
 *
 * <p>The oldest uncommitted record is the first of its partition in the batch in hand (offsets are committed
 * after each batch), so a batch starts the clock at its first record's timestamp, and a batch retried through an
 * outage keeps it running. Once a batch is done, a partition the consumer has read to its end is caught up (0);
 * one with more to read keeps the last record done as its oldest: the next record is no older than that, so the
 * figure errs on the side of an alert, by at most one batch. A partition this instance no longer holds reads 0
 * here; its new owner reports it.
 */
public class PartitionLag implements BatchInterceptor<Object, Object> {

    private final MeterRegistry registry;
    private final LongSupplier epochMillis;
    private final Map<TopicPartition, Pending> partitions = new ConcurrentHashMap<>();

    public PartitionLag(MeterRegistry registry, LongSupplier epochMillis) {
        this.registry = registry;
        this.epochMillis = epochMillis;
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(
            ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        for (TopicPartition partition : records.partitions()) {
            Pending pending = partitions.computeIfAbsent(partition, this::register);
            pending.consumer = consumer;
            long first = records.records(partition).get(0).timestamp();
            // a retried batch keeps the clock of its first attempt
            if (pending.oldest == 0 || first < pending.oldest) {
                pending.oldest = first;
            }
        }
        return records;
    }

    @Override
    public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        for (TopicPartition partition : records.partitions()) {
            OptionalLong behind = consumer.currentLag(partition);
            List<ConsumerRecord<Object, Object>> done = records.records(partition);
            partitions.get(partition).oldest = behind.isPresent() && behind.getAsLong() == 0
                    ? 0
                    : done.get(done.size() - 1).timestamp();
        }
        // partitions this consumer lost in a rebalance: their new owner reports them
        partitions.forEach((partition, pending) -> {
            if (pending.consumer == consumer && !consumer.assignment().contains(partition)) {
                pending.oldest = 0;
            }
        });
    }

    /** Seconds since the oldest uncommitted record of {@code partition} was produced; 0 when caught up. */
    double seconds(TopicPartition partition) {
        Pending pending = partitions.get(partition);
        long oldest = pending == null ? 0 : pending.oldest;
        return oldest <= 0 ? 0 : Math.max(0, epochMillis.getAsLong() - oldest) / 1000.0;
    }

    private Pending register(TopicPartition partition) {
        Gauge.builder("grizz.partition.lag", this, lag -> lag.seconds(partition))
                .tag("topic", partition.topic())
                .tag("partition", Integer.toString(partition.partition()))
                .baseUnit("seconds")
                .description("age of the oldest record of the partition not committed yet; 0 when caught up")
                .register(registry);
        return new Pending();
    }

    private static final class Pending {
        /** Timestamp (epoch ms) of the oldest record not committed yet; 0 when caught up. */
        volatile long oldest;
        /** The consumer (thread) that last held the partition. */
        volatile Object consumer;
    }
}
