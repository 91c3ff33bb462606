package io.grizz.worker.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Retries a transaction that lost a race with another writer: a serialization failure (40001,
 * which the write path also raises itself when another writer inserted a row it read as absent)
 * or a deadlock (40P01). Two instances meet on the same rows only for a moment, in a rebalance,
 * so a few quick attempts win; jitter keeps the two from colliding again in step.
 *
 * <p>Bounded: after {@code maxAttempts} the failure goes to the caller, whose outage handling
 * retries the batch with backoff. Any other failure goes to the caller at once.
 */
public final class RaceRetry {

    /** A race's label for {@code grizz_batch_retries_total{cause}}. */
    public enum Cause {
        SERIALIZATION_FAILURE("serialization_failure"),
        DEADLOCK("deadlock"),
        /**
         * A batch of creations, written as if its messages were new, met one stored already (a redelivery, or
         * another instance racing on it) and was written again after the locking read ({@code MessageStore}).
         */
        ALREADY_STORED("already_stored");

        private final String tag;

        Cause(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }

        /** The race this failure is, or null when it is none. */
        static Cause of(Throwable failure) {
            String state = SqlStates.sqlState(failure);
            if (SqlStates.SERIALIZATION_FAILURE.equals(state)) {
                return SERIALIZATION_FAILURE;
            }
            if (SqlStates.DEADLOCK_DETECTED.equals(state)) {
                return DEADLOCK;
            }
            return null;
        }
    }

    @FunctionalInterface
    public interface Attempt {
        void run() throws SQLException;
    }

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Consumer<Cause> onRetry;

    /**
     * @param maxAttempts attempts in all, the first included
     * @param baseDelay   the first retry waits up to this long, each later one up to twice the last
     * @param onRetry     told of every retry, e.g. to count it
     */
    public RaceRetry(int maxAttempts, Duration baseDelay, Consumer<Cause> onRetry) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.onRetry = onRetry;
    }

    public void run(Attempt attempt) throws SQLException {
        for (int n = 1; ; n++) {
            try {
                attempt.run();
                return;
            } catch (SQLException e) {
                Cause cause = Cause.of(e);
                if (cause == null || n >= maxAttempts) {
                    throw e;
                }
                onRetry.accept(cause);
                sleep(delayBefore(n + 1));
            }
        }
    }

    /** Counts a retry the caller made itself, as {@link #run} counts its own. */
    public void counted(Cause cause) {
        onRetry.accept(cause);
    }

    /** Full jitter: uniformly between zero and {@code baseDelay × 2^(attempt − 2)}. */
    Duration delayBefore(int attempt) {
        long ceiling = baseDelay.toNanos() << Math.min(attempt - 2, 20);
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private static void sleep(Duration delay) throws SQLException {
        try {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to retry a race", SqlStates.QUERY_CANCELED, e);
        }
    }

    /** True when the failure is a race this class retries (for the caller's outage accounting). */
    public static boolean isRace(Throwable failure) {
        return Cause.of(failure) != null;
    }
}
