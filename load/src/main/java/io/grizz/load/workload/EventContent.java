package io.grizz.load.workload;

import io.grizz.contracts.Role;

/**
 * The content, role and metadata of generated events. Deterministic, so the baselines ({@code ceiling},
 * {@code direct}) can write exactly the rows the worker writes for the same workload.
 *
 * <p>The metadata carries the run id and the event's sequence number: the oracle of Kafka's own system tests, which
 * lets anyone looking at a stored row tell which event of which run it shows.
 */
public final class EventContent {

    private static final String FILLER = "The quick brown fox jumps over the lazy dog while the persistence worker "
            + "folds every batch into one statement per table. ";

    private EventContent() {}

    /** {@code contentBytes} ASCII characters, starting with what makes them unique: the message and revision. */
    public static String text(int message, int revision, int contentBytes) {
        StringBuilder text = new StringBuilder(contentBytes + 16);
        text.append("message ")
                .append(message)
                .append(" revision ")
                .append(revision)
                .append(": ");
        while (text.length() < contentBytes) {
            text.append(FILLER, 0, Math.min(FILLER.length(), contentBytes - text.length()));
        }
        text.setLength(contentBytes);
        return text.toString();
    }

    /** Users and assistants take turns, as in a chat. */
    public static Role role(int message) {
        return message % 2 == 0 ? Role.USER : Role.ASSISTANT;
    }

    /** {@code {"load_run":"<run id>","seq":<n>,"writer":<w>}}; the run id is letters, digits and dashes. */
    public static String metadata(String runId, long seq, int writer) {
        return "{\"load_run\":\"" + runId + "\",\"seq\":" + seq + ",\"writer\":" + writer + "}";
    }
}
