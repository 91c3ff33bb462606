package io.grizz.compose.server;

import java.time.Duration;

/** Sleeping between polls, turning an interrupt into an exception that ends the wait. */
final class Pause {

    private Pause() {}

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
