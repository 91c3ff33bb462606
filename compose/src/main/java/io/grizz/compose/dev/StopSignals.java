package io.grizz.compose.dev;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM in dev mode: an orderly stop with exit status 0. A JVM ended by a signal exits 130 or
 * 143 even when its shutdown hooks stopped everything cleanly, and a script or a supervisor reads that as a
 * failure; the worker itself exits 0 on SIGTERM (docs/contract.md §7), and so does dev mode.
 *
 * <p>Until the worker runs, a signal exits 0 at once: the exit clean-up ({@link io.grizz.compose.process.ExitCleanup})
 * stops what has started. Once it runs, a signal runs the action given to {@link #onSignal}, which stops the worker;
 * dev mode then stops the stack and exits with the worker's exit code. A second signal while stopping changes
 * nothing: the worker's own stop is bounded (30 s, then SIGKILL).
 */
final class StopSignals {

    private final AtomicBoolean received = new AtomicBoolean();
    private volatile Runnable action = () -> System.exit(0);

    private StopSignals() {}

    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), signal -> signals.receive());
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (-Xrs and the like): its default, shutdown hooks and 128 + n, stays
            }
        }
        return signals;
    }

    /** From now on a signal runs {@code stop}, on a thread of its own, instead of exiting. */
    void onSignal(Runnable stop) {
        action = stop;
    }

    /** Whether a signal has asked dev mode to stop. */
    boolean received() {
        return received.get();
    }

    private void receive() {
        if (received.compareAndSet(false, true)) {
            new Thread(action, "grizz-dev-stop").start();
        }
    }
}
