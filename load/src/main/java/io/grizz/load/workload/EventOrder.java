package io.grizz.load.workload;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The order in which a generated workload's events go out. It decides how many conversations one batch of the worker
 * touches, and the worker writes one conversation row per conversation per batch.
 */
public enum EventOrder {
    /**
     * Each writer's events in random order over its own conversations; a prefill sends writer after writer, so a
     * stretch of a partition holds the events of a few conversations only.
     */
    SHUFFLED("shuffled"),
    /**
     * Event i goes to conversation i mod N: each writer goes round its conversations one event each, and a prefill
     * takes one event of each writer in turn. Every stretch of a partition spreads over as many conversations as it
     * can, as when many users chat at once.
     */
    ROUND_ROBIN("round-robin");

    private final String label;

    EventOrder(String label) {
        this.label = label;
    }

    /** Reads {@code shuffled} or {@code round-robin}. */
    public static EventOrder parse(String value) {
        for (EventOrder order : values()) {
            if (order.label.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return order;
            }
        }
        throw new IllegalArgumentException("unknown event order '" + value + "'; one of "
                + Arrays.stream(values()).map(EventOrder::toString).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
