package io.grizz.load.workload;

import java.util.Locale;

/**
 * The share of created, updated and deleted events in a generated workload, in percent.
 *
 * <p>Every message starts with a created event and at most one delete ends it, so a mix needs some created events
 * and no more deletes than creates; updates fill the rest.
 */
public record EventMix(int createdPercent, int updatedPercent, int deletedPercent) {

    /** Mostly new messages, some edits (streamed assistant answers), a few deletions. */
    public static final EventMix DEFAULT = new EventMix(70, 25, 5);

    /** One created event per message: one event is one row, as the ceiling and direct baselines write. */
    public static final EventMix CREATED_ONLY = new EventMix(100, 0, 0);

    public EventMix {
        if (createdPercent < 1 || updatedPercent < 0 || deletedPercent < 0) {
            throw new IllegalArgumentException("a mix needs created > 0 and no negative share, was "
                    + text(createdPercent, updatedPercent, deletedPercent));
        }
        if (createdPercent + updatedPercent + deletedPercent != 100) {
            throw new IllegalArgumentException(
                    "the mix must add up to 100 %, was " + text(createdPercent, updatedPercent, deletedPercent));
        }
        if (deletedPercent > createdPercent) {
            throw new IllegalArgumentException("at most one delete per created message, so deleted <= created, was "
                    + text(createdPercent, updatedPercent, deletedPercent));
        }
    }

    /** Parses {@code 70,25,5} or {@code created=70,updated=25,deleted=5} (any order; a missing one is 0). */
    public static EventMix parse(String text) {
        String[] parts = text.trim().split("\\s*,\\s*");
        if (parts.length == 0 || parts.length > 3) {
            throw new IllegalArgumentException(
                    "expected created,updated,deleted percentages, e.g. 70,25,5; was " + text);
        }
        int[] shares = new int[3];
        boolean named = parts[0].contains("=");
        for (int i = 0; i < parts.length; i++) {
            if (named) {
                String[] pair = parts[i].split("\\s*=\\s*", 2);
                shares[indexOf(pair[0], text)] = percent(pair.length == 2 ? pair[1] : "", text);
            } else {
                shares[i] = percent(parts[i], text);
            }
        }
        return new EventMix(shares[0], shares[1], shares[2]);
    }

    /** How many messages, updates and deletes make {@code events} events in this mix; they add up exactly. */
    public Counts counts(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1, was " + events);
        }
        int messages = Math.max(1, (int) Math.round(events * (createdPercent / 100.0)));
        int deletes = Math.min(messages, (int) Math.round(events * (deletedPercent / 100.0)));
        int updates = events - messages - deletes;
        if (updates < 0) {
            deletes += updates;
            updates = 0;
        }
        return new Counts(messages, updates, deletes);
    }

    /** Event counts of a workload: one created event per message, then updates and deletes. */
    public record Counts(int messages, int updates, int deletes) {
        public int events() {
            return messages + updates + deletes;
        }
    }

    /** For a title: "70 % created, 25 % updated, 5 % deleted" (the percentages, said as such). */
    public String percentages() {
        return createdPercent + " % created, " + updatedPercent + " % updated, " + deletedPercent + " % deleted";
    }

    @Override
    public String toString() {
        return text(createdPercent, updatedPercent, deletedPercent);
    }

    private static String text(int created, int updated, int deleted) {
        return "created=" + created + ",updated=" + updated + ",deleted=" + deleted;
    }

    private static int indexOf(String name, String text) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "created" -> 0;
            case "updated" -> 1;
            case "deleted" -> 2;
            default ->
                throw new IllegalArgumentException(
                        "unknown event kind '" + name + "' in " + text + " (expected created, updated, deleted)");
        };
    }

    private static int percent(String value, String text) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' in " + text + " is not a whole percentage");
        }
    }
}
