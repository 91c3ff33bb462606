package io.grizz.worker.ingest;

/**
 * Makes sure a dead-letter topic has a partition for every partition number a dead letter may
 * come from. Each dead letter goes to the partition number its record came from, so after
 * partitions are added to the source a dead letter from a new one would otherwise target a
 * partition that does not exist, and its send would wait and time out for ever.
 */
@FunctionalInterface
public interface DeadLetterPartitions {

    /**
     * Returns once {@code deadLetterTopic} has at least {@code partitions} partitions, adding them
     * when it has fewer.
     *
     * @throws RuntimeException when it cannot tell or cannot add them (no permission, broker
     *     away): an outage, retried like one
     */
    void ensureAtLeast(String deadLetterTopic, int partitions);
}
