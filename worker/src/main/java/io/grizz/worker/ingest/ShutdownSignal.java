package io.grizz.worker.ingest;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * Whether the worker is shutting down. Set when the context starts closing, before the listener
 * container is stopped: a batch waiting on the broker then stops waiting and fails uncommitted,
 * instead of holding the container's stop (and SIGTERM) until its waits expire.
 */
public class ShutdownSignal {

    private volatile boolean stopping;

    @EventListener(ContextClosedEvent.class)
    public void contextClosing() {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }
}
