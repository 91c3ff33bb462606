package io.grizz.worker.ingest;

/**
 * The decoded value bytes the current poll of one consumer thread has handed on. The value
 * deserializer takes from it inside {@code poll()}; {@link PollEndInterceptor} resets it as that
 * poll returns, on the same thread, before the listener sees the records.
 *
 * <p>The first record of a poll always fits, whatever its size (it is at most the event limit), so
 * every poll moves its partitions on; after it, a record fits while the poll's total stays within
 * the budget.
 */
final class DecodedBytesBudget {

    private static final ThreadLocal<DecodedBytesBudget> OF_THREAD = ThreadLocal.withInitial(DecodedBytesBudget::new);

    private long taken;

    /** The budget of the consumer running on this thread: a consumer is used by one thread only. */
    static DecodedBytesBudget ofThisThread() {
        return OF_THREAD.get();
    }

    /** Takes {@code bytes} when they fit within {@code budget}, or when nothing was taken yet this poll. */
    boolean take(long bytes, long budget) {
        if (taken > 0 && taken + bytes > budget) {
            return false;
        }
        taken += bytes;
        return true;
    }

    /** The poll has returned its records: the next one starts from nothing. */
    void pollEnded() {
        taken = 0;
    }

    long taken() {
        return taken;
    }
}
