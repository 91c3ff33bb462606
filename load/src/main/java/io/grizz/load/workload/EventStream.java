package io.grizz.load.workload;

import java.time.Instant;

/** One writer's events, in the order it must send them. Used by one thread at a time. */
public interface EventStream {

    boolean hasNext();

    /**
     * The next event as a Kafka record.
     *
     * @param sendTime when the writer sends it: a generated event carries it as {@code occurred_at}, so that
     *                 {@code persisted_at − occurred_at} is the end-to-end latency; a replayed one keeps its own
     */
    OutgoingEvent next(Instant sendTime);

    /** Events not yet taken. */
    int remaining();
}
