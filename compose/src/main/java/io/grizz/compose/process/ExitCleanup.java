package io.grizz.compose.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One JVM shutdown hook that closes whatever is still open, newest first, so no server outlives a test run and dev
 * mode stops the worker (registered last) before the stack it uses. Shutdown hooks of one JVM run concurrently; a
 * single hook is what keeps this order.
 */
public final class ExitCleanup {

    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExitCleanup::closeAll, "grizz-compose-exit-cleanup"));
    }

    private ExitCleanup() {}

    public static synchronized void register(AutoCloseable resource) {
        OPEN.push(resource);
    }

    public static synchronized void unregister(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    private static void closeAll() {
        List<AutoCloseable> newestFirst;
        synchronized (ExitCleanup.class) {
            newestFirst = new ArrayList<>(OPEN);
        }
        for (AutoCloseable resource : newestFirst) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("grizz-compose: closing " + resource + " at exit failed: " + e);
            }
        }
    }
}
