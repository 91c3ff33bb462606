package io.grizz.worker.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DeadLetterPartitions} through the Kafka admin API: describes the dead-letter topic and,
 * when it is narrower than asked, adds partitions ({@code ALTER} on the topic). Several instances
 * may grow it at the same time; whoever loses that race finds it grown and is content.
 *
 * <p>It asks the broker every time rather than trusting a count it saw before: it is called only
 * when a partition is newly assigned or when the dead-letter producer does not know the partition
 * a dead letter needs, both rare, and a remembered count would hide a topic deleted and re-created
 * narrower.
 */
public final class DeadLetterTopicGrowth implements DeadLetterPartitions, AutoCloseable {

    /** Each admin call's bound: a consumer thread waits this long at most, then it is an outage. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(DeadLetterTopicGrowth.class);

    private final Admin admin;

    public DeadLetterTopicGrowth(Admin admin) {
        this.admin = admin;
    }

    @Override
    public synchronized void ensureAtLeast(String deadLetterTopic, int partitions) {
        try {
            grow(admin, deadLetterTopic, partitions);
        } catch (ExecutionException e) {
            throw new DeadLetterPublisher.DeadLetterTopicUnavailableException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterPublisher.DeadLetterTopicUnavailableException(e);
        }
    }

    /**
     * Adds partitions to {@code deadLetterTopic} up to {@code partitions} when it has fewer, and
     * logs it; returns its partition count after.
     */
    static int grow(Admin admin, String deadLetterTopic, int partitions)
            throws ExecutionException, InterruptedException {
        int current = partitionCount(admin, deadLetterTopic);
        if (current >= partitions) {
            return current;
        }
        try {
            admin.createPartitions(
                            Map.of(deadLetterTopic, NewPartitions.increaseTo(partitions)),
                            new CreatePartitionsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            // another instance grew it first: fine if it is wide enough now
            if (e.getCause() instanceof InvalidPartitionsException) {
                int now = partitionCount(admin, deadLetterTopic);
                if (now >= partitions) {
                    return now;
                }
            }
            throw e;
        }
        log.warn(
                "added partitions to dead-letter topic {}: {} -> {}, following its source topic",
                deadLetterTopic,
                current,
                partitions);
        return partitions;
    }

    private static int partitionCount(Admin admin, String topic) throws ExecutionException, InterruptedException {
        return admin.describeTopics(Set.of(topic), new DescribeTopicsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }
}
