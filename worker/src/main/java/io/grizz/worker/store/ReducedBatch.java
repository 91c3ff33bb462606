package io.grizz.worker.store;

import java.util.List;

/**
 * A batch reduced to what must be written: one row per conversation and per message, and the
 * outcome of every event, by its position in the input list.
 */
public record ReducedBatch(List<ConversationRow> conversations, List<MessageRow> messages, List<Outcome> outcomes) {}
