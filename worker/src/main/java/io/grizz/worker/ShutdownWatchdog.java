package io.grizz.worker;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backstop of SIGTERM (docs/contract.md §7: exit 0 within 30 s, in every state): should the
 * orderly shutdown still run after {@link #BOUND} — a wait that no bound of ours covers, a
 * library's close that hangs — the process halts with 0, saying so in the log.
 *
 * <p>Halting is safe only because of the order of the write path: a batch's offsets are committed
 * after its rows are in the database and its announcements and dead letters are on their topics,
 * never before. Whatever the halt cuts short is uncommitted, and is delivered again to the next
 * instance, where writing it again is harmless (every write is guarded by its revision). Every
 * wait of the worker is bounded on its own (docs/operations.md, "Shutdown"); this is not how the
 * worker is meant to stop, only the guarantee that it does.
 */
final class ShutdownWatchdog {

    /** Below the 30 s of the contract, leaving the JVM time to end. */
    static final Duration BOUND = Duration.ofSeconds(25);

    private static final Logger log = LoggerFactory.getLogger(ShutdownWatchdog.class);

    private ShutdownWatchdog() {}

    static void start(Duration bound) {
        long started = System.nanoTime();
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(bound.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    log.error(
                            "shutdown still running {} ms after SIGTERM: halting with exit code 0; nothing is lost, "
                                    + "no offset was committed beyond what is in the database",
                            (System.nanoTime() - started) / 1_000_000);
                    Runtime.getRuntime().halt(0);
                },
                "grizz-shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
