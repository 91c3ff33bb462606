package io.grizz.worker.store;

import java.util.List;

/**
 * A batch reduced to what must be written: one row per conversation and per message, and the
 * verdict on every entry, each holding its entry, in the entries' order.
 */
public record ReducedBatch(List<ConversationRow> conversations, List<MessageRow> messages, List<Verdict> verdicts) {}
