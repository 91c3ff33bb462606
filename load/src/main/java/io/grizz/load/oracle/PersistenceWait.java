package io.grizz.load.oracle;

import io.grizz.load.kafka.ConsumerGroupProgress;
import io.grizz.load.kafka.RunClock;
import io.grizz.load.measure.ProgressBar;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits until the worker has persisted a run, then lets the oracle judge it.
 *
 * <p>While waiting it follows the consumer group's committed offsets (cheap, and it does not load the database being
 * measured); once they reach the end of what was published, or nothing has moved for the stall timeout, it checks
 * every message in PostgreSQL, retrying for a few seconds if some are still missing.
 */
public final class PersistenceWait {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration SETTLE = Duration.ofSeconds(10);

    /**
     * @param caughtUp       whether the group committed everything that was published
     * @param caughtUpMicros epoch microseconds when that was seen (0 if never)
     * @param note           why the wait ended early, or null
     */
    public record Outcome(boolean caughtUp, long caughtUpMicros, Verdict verdict, String note) {}

    private PersistenceWait() {}

    /**
     * @param workerAlive false once the harness's own worker has died (then waiting is pointless)
     */
    public static Outcome await(
            ConsumerGroupProgress group,
            PersistenceOracle oracle,
            Observations observations,
            RunClock clock,
            Duration stallTimeout,
            BooleanSupplier workerAlive,
            String label)
            throws SQLException, InterruptedException {
        long published = group.published();
        long lastCommitted = -1;
        long lastChange = System.nanoTime();
        long caughtUpMicros = 0;
        String note = null;
        try (ProgressBar bar = ProgressBar.start(label, published)) {
            while (true) {
                long committed = group.committed();
                bar.set(committed);
                if (committed >= published) {
                    caughtUpMicros = clock.nowMicros();
                    break;
                }
                if (committed != lastCommitted) {
                    lastCommitted = committed;
                    lastChange = System.nanoTime();
                }
                if (!workerAlive.getAsBoolean()) {
                    note = "the worker exited before it had consumed everything";
                    break;
                }
                if (System.nanoTime() - lastChange > stallTimeout.toNanos()) {
                    note = "consumer group " + group.group() + " committed nothing for " + stallTimeout.toSeconds()
                            + " s (" + committed + " of " + published + " records)";
                    break;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
        long settleUntil = System.nanoTime() + (caughtUpMicros > 0 ? SETTLE.toNanos() : 0);
        while (oracle.check(observations) > 0 && System.nanoTime() < settleUntil) {
            Thread.sleep(POLL.toMillis() * 2);
        }
        return new Outcome(caughtUpMicros > 0, caughtUpMicros, observations.verdict(20), note);
    }
}
