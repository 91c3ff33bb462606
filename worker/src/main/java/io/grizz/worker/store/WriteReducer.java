package io.grizz.worker.store;

import io.grizz.contracts.EventType;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.Rejection;
import io.grizz.contracts.RejectionReason;
import io.grizz.contracts.Role;
import io.grizz.worker.batch.Entry;
import io.grizz.worker.batch.Fate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies the rules of docs/contract.md §3 to a batch, one event at a time in arrival order, on top of the
 * state the database held before the batch — and keeps only the final state of each message.
 *
 * <p>Doing the fold here, against rows read (and locked) first, is what makes the reduction exact:
 * whether a delete of revision 3 wins depends on whether the stored revision is 2 or 5, so a batch
 * cannot be reduced without knowing what is stored. The order of checks is the contract's:
 * ownership first, then revision. Pure logic, no I/O: it decides each entry's {@link Fate} and
 * leaves the entries untouched, for the store to settle once the rows are written.
 */
public final class WriteReducer {

    private WriteReducer() {}

    /** The owner rule's rejection; the same sentence for both ways of breaking it. */
    static final Rejection OWNER_MISMATCH = new Rejection(
            RejectionReason.OWNER_MISMATCH,
            "user_id does not own the conversation, or message_id belongs to another conversation");

    /** @param entries entries holding a valid event, in arrival order */
    public static ReducedBatch reduce(
            List<Entry> entries,
            Map<UUID, StoredConversation> storedConversations,
            Map<UUID, StoredMessage> storedMessages) {
        Map<UUID, ConversationState> conversations = new LinkedHashMap<>();
        Map<UUID, MessageState> messages = new LinkedHashMap<>();
        // keyed by the entries themselves (Entry keeps Object's identity), in arrival order
        Map<Entry, Verdict> verdicts = new LinkedHashMap<>();
        Map<UUID, Entry> lastApplied = new HashMap<>();

        for (Entry entry : entries) {
            MessageWrite event = entry.event();
            ConversationState conversation = conversations.computeIfAbsent(
                    event.conversationId(), id -> ConversationState.of(storedConversations.get(id)));
            MessageState message =
                    messages.computeIfAbsent(event.messageId(), id -> MessageState.of(storedMessages.get(id)));

            if (conversation.exists() && !conversation.userId.equals(event.userId())) {
                verdicts.put(entry, Verdict.rejected(entry, OWNER_MISMATCH));
                continue;
            }
            if (message.exists() && !message.conversationId.equals(event.conversationId())) {
                verdicts.put(entry, Verdict.rejected(entry, OWNER_MISMATCH));
                continue;
            }
            if (message.exists() && (message.deleted || event.revision() <= message.revision)) {
                verdicts.put(entry, Verdict.of(entry, message.restates(event) ? Fate.REPLAYED : Fate.NOOP));
                continue;
            }
            conversation.apply(event);
            message.apply(event);
            Entry absorbed = lastApplied.put(event.messageId(), entry);
            if (absorbed != null) {
                // replaces the absorbed entry's verdict in place: the order stays the arrival order
                verdicts.put(absorbed, Verdict.of(absorbed, Fate.NOOP));
            }
            verdicts.put(entry, Verdict.of(entry, Fate.APPLIED));
        }
        return new ReducedBatch(conversationRows(conversations), messageRows(messages), List.copyOf(verdicts.values()));
    }

    private static List<ConversationRow> conversationRows(Map<UUID, ConversationState> conversations) {
        List<ConversationRow> rows = new ArrayList<>();
        conversations.forEach((id, c) -> {
            if (c.dirty) {
                rows.add(new ConversationRow(id, c.userId, c.createdAt, c.updatedAt));
            }
        });
        return rows;
    }

    private static List<MessageRow> messageRows(Map<UUID, MessageState> messages) {
        List<MessageRow> rows = new ArrayList<>();
        messages.forEach((id, m) -> {
            if (m.dirty) {
                rows.add(new MessageRow(
                        m.eventId,
                        m.type,
                        id,
                        m.conversationId,
                        m.userId,
                        m.role,
                        m.content,
                        m.metadataJson,
                        m.revision,
                        m.createdAt,
                        m.updatedAt,
                        m.deletedAt));
            }
        });
        return rows;
    }

    /** A conversation as the fold sees it; {@code dirty} once an applied event moved it. */
    private static final class ConversationState {
        UUID userId;
        Instant createdAt;
        Instant updatedAt;
        boolean dirty;

        static ConversationState of(StoredConversation stored) {
            ConversationState state = new ConversationState();
            if (stored != null) {
                state.userId = stored.userId();
                state.createdAt = stored.createdAt();
                state.updatedAt = stored.updatedAt();
            }
            return state;
        }

        boolean exists() {
            return userId != null;
        }

        void apply(MessageWrite event) {
            if (!exists()) {
                userId = event.userId();
                createdAt = event.occurredAt();
                updatedAt = event.occurredAt();
                dirty = true;
            } else if (event.occurredAt().isAfter(updatedAt)) {
                // updated_at never moves backwards
                updatedAt = event.occurredAt();
                dirty = true;
            }
        }
    }

    /** A message as the fold sees it; {@code dirty} once an applied event changed it. */
    private static final class MessageState {
        UUID eventId;
        EventType type;
        UUID conversationId;
        UUID userId;
        Role role;
        String content;
        String metadataJson;
        int revision;
        Instant createdAt;
        Instant updatedAt;
        Instant deletedAt;
        boolean deleted;
        boolean dirty;
        StoredMessage stored;

        static MessageState of(StoredMessage stored) {
            MessageState state = new MessageState();
            state.stored = stored;
            if (stored != null) {
                state.conversationId = stored.conversationId();
                state.revision = stored.revision();
                state.role = stored.role();
                state.createdAt = stored.createdAt();
                state.deleted = stored.deleted();
            }
            return state;
        }

        boolean exists() {
            return conversationId != null;
        }

        /**
         * The stored row, untouched by this batch so far, is this event's own state: same
         * revision, and deleted exactly when the event is a delete. Revisions grow with every write
         * of a message, so that is an earlier delivery of this very event.
         */
        boolean restates(MessageWrite event) {
            return !dirty
                    && stored != null
                    && stored.revision() == event.revision()
                    && stored.deleted() == event.isDelete();
        }

        void apply(MessageWrite event) {
            if (!exists()) {
                conversationId = event.conversationId();
                createdAt = event.occurredAt();
            }
            eventId = event.eventId();
            type = event.type();
            userId = event.userId();
            revision = event.revision();
            updatedAt = event.occurredAt();
            if (event.isDelete()) {
                // a tombstone keeps the role it knew, loses content and metadata
                content = null;
                metadataJson = null;
                deletedAt = event.occurredAt();
                deleted = true;
            } else {
                role = event.role();
                content = event.content();
                metadataJson = event.metadataJson();
            }
            dirty = true;
        }
    }
}
