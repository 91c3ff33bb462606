package io.grizz.worker.ingest;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Grows the dead-letter topic when the source grows, as soon as the group hands this instance a
 * partition the dead-letter topic may not have: the consumer learns of new source partitions at
 * its metadata refresh ({@code metadata.max.age.ms}), the group rebalances, and the new partitions
 * arrive here before their first record is polled.
 *
 * <p>A failure here only logs: the publisher checks again before it sends a dead letter from a
 * partition its producer does not know, and there a failure is an outage.
 */
public class DeadLetterPartitionsFollower implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPartitionsFollower.class);

    private final String sourceTopic;
    private final String deadLetterTopic;
    private final DeadLetterPartitions partitions;

    public DeadLetterPartitionsFollower(String sourceTopic, String deadLetterTopic, DeadLetterPartitions partitions) {
        this.sourceTopic = sourceTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.partitions = partitions;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
        int needed = 1
                + assigned.stream()
                        .filter(partition -> partition.topic().equals(sourceTopic))
                        .mapToInt(TopicPartition::partition)
                        .max()
                        .orElse(-1);
        if (needed == 0) {
            return;
        }
        try {
            partitions.ensureAtLeast(deadLetterTopic, needed);
        } catch (RuntimeException e) {
            log.warn(
                    "cannot check that dead-letter topic {} has {} partitions yet ({}); checking again before "
                            + "the first dead letter from a new partition",
                    deadLetterTopic,
                    needed,
                    e.toString());
        }
    }
}
