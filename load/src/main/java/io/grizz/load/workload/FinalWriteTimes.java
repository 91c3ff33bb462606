package io.grizz.load.workload;

/**
 * When each message's final write was sent, in microseconds since the epoch: the start of its end-to-end latency.
 * For generated events this is the event's {@code occurred_at} (for {@code steady}, its intended send time).
 *
 * <p>Each message is written by one writer thread only; read the times after joining the writers.
 */
public final class FinalWriteTimes {

    private final ExpectedState expected;
    private final long[] sentMicros;

    public FinalWriteTimes(ExpectedState expected) {
        this.expected = expected;
        this.sentMicros = new long[expected.messages()];
    }

    /** Notes the send time of {@code event} if it is its message's final write. */
    public void sent(OutgoingEvent event, long epochMicros) {
        if (event.seq() == expected.finalSeq(event.messageIndex())) {
            sentMicros[event.messageIndex()] = epochMicros;
        }
    }

    /** The send time of {@code message}'s final write, or 0 if it was not sent. */
    public long sentMicros(int message) {
        return sentMicros[message];
    }
}
