package io.grizz.worker.api.replica;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Read-your-writes on a replica (docs/read-api.md): a consumer told by an announcement that revision N of a message is
 * persisted asks for it with {@code min_revision=N}, and the read is repeated until the read database shows that
 * revision or a later one, for at most {@code READ_API_MIN_REVISION_WAIT}.
 *
 * <p>Keyed by the message's revision rather than a WAL position: the announcement already carries it, it means the
 * same on every replica and after a failover, and a standby replays commits in order, so once it shows the
 * message at revision N it also shows everything committed before it. On a primary there is nothing to wait for
 * (the announcement comes after the commit): the first read is the answer.
 */
public class RevisionWait {

    static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

    private final ReplicaLagMonitor replica;
    private final Duration wait;

    public RevisionWait(ReplicaLagMonitor replica, Duration wait) {
        this.replica = replica;
        this.wait = wait;
    }

    /**
     * @param found    what the read found
     * @param timedOut the read database did not reach the wanted state within the wait
     */
    public record Waited<T>(Optional<T> found, boolean timedOut) {}

    /** Repeats {@code read} until what it finds is {@code reached}, the database is a primary, or the wait is over. */
    public <T> Waited<T> until(Supplier<Optional<T>> read, Predicate<T> reached) {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_PAUSE.toMillis();
        while (true) {
            Optional<T> found = read.get();
            if (found.filter(reached).isPresent() || !replica.standby()) {
                return new Waited<>(found, false);
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return new Waited<>(found, true);
            }
            try {
                Thread.sleep(Math.min(pause, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Waited<>(found, true);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE.toMillis());
        }
    }

    /** The wait, as the 503 problem states it. */
    public Duration longest() {
        return wait;
    }
}
