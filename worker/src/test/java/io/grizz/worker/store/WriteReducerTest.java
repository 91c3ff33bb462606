package io.grizz.worker.store;

import static io.grizz.worker.batch.Fate.APPLIED;
import static io.grizz.worker.batch.Fate.DEAD_LETTER;
import static io.grizz.worker.batch.Fate.NOOP;
import static io.grizz.worker.batch.Fate.REPLAYED;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.EventType;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.contracts.MessageWriteEncoder;
import io.grizz.contracts.RejectionReason;
import io.grizz.contracts.Role;
import io.grizz.worker.batch.Entry;
import io.grizz.worker.batch.Fate;
import io.grizz.worker.batch.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class WriteReducerTest {

    private static final UUID USER = UUID.randomUUID();
    private static final UUID OTHER_USER = UUID.randomUUID();
    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final UUID MESSAGE = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void newMessageInNewConversationCreatesBoth() {
        ReducedBatch batch = reduce(List.of(created(MESSAGE, 1, "hello", 0)), Map.of(), Map.of());

        assertThat(fates(batch)).containsExactly(APPLIED);
        assertThat(batch.conversations()).containsExactly(new ConversationRow(CONVERSATION, USER, T0, T0));
        MessageRow row = batch.messages().get(0);
        assertThat(row.content()).isEqualTo("hello");
        assertThat(row.createdAt()).isEqualTo(T0);
        assertThat(row.deletedAt()).isNull();
    }

    @Test
    void eventsOfOneMessageReduceToTheLastAppliedStateAndTheAbsorbedCountAsNoops() {
        MessageWrite last = updated(MESSAGE, 3, "c", 2);
        ReducedBatch batch =
                reduce(List.of(created(MESSAGE, 1, "a", 0), last, updated(MESSAGE, 2, "b", 1)), Map.of(), Map.of());

        assertThat(fates(batch)).containsExactly(NOOP, APPLIED, NOOP);
        assertThat(batch.messages()).singleElement().satisfies(row -> {
            assertThat(row.content()).isEqualTo("c");
            assertThat(row.revision()).isEqualTo(3);
            assertThat(row.eventId()).as("the event that set the row").isEqualTo(last.eventId());
            assertThat(row.type()).isEqualTo(EventType.UPDATED);
            assertThat(row.createdAt()).isEqualTo(T0);
            assertThat(row.updatedAt()).isEqualTo(T0.plusSeconds(2));
        });
        assertThat(batch.conversations())
                .singleElement()
                .satisfies(c -> assertThat(c.updatedAt()).isEqualTo(T0.plusSeconds(2)));
    }

    @Test
    void aLowerDeleteIsANoopAgainstAHigherStoredRevisionAndALaterEventStillApplies() {
        // the case that makes reduction without the stored state wrong
        Map<UUID, StoredMessage> stored = Map.of(MESSAGE, storedMessage(5, false));
        ReducedBatch batch =
                reduce(List.of(deleted(MESSAGE, 3, 0), updated(MESSAGE, 7, "seven", 1)), storedConversation(), stored);

        assertThat(fates(batch)).containsExactly(NOOP, APPLIED);
        assertThat(batch.messages()).singleElement().satisfies(row -> {
            assertThat(row.revision()).isEqualTo(7);
            assertThat(row.deletedAt()).isNull();
            assertThat(row.content()).isEqualTo("seven");
            assertThat(row.createdAt()).isEqualTo(T0.minusSeconds(100));
        });
    }

    @Test
    void staleAndDuplicateEventsChangeNothing() {
        ReducedBatch batch = reduce(
                List.of(updated(MESSAGE, 5, "same", 0), updated(MESSAGE, 4, "old", 1)),
                storedConversation(),
                Map.of(MESSAGE, storedMessage(5, false)));

        // both change nothing; the one at the stored revision is that row's own event, announced again
        assertThat(fates(batch)).containsExactly(REPLAYED, NOOP);
        assertThat(batch.messages()).isEmpty();
        assertThat(batch.conversations()).isEmpty();
    }

    @Test
    void aRedeliveredDeleteRestatesItsTombstoneButAWriteAtTheTombstonesRevisionDoesNot() {
        Map<UUID, StoredMessage> tombstone = Map.of(MESSAGE, storedMessage(4, true));

        assertThat(fates(reduce(List.of(deleted(MESSAGE, 4, 0)), storedConversation(), tombstone)))
                .containsExactly(REPLAYED);
        assertThat(fates(reduce(List.of(updated(MESSAGE, 4, "not the tombstone", 0)), storedConversation(), tombstone)))
                .containsExactly(NOOP);
    }

    @Test
    void onlyTheStoredStateIsRestatedNotOneThisBatchAlreadyMovedOn() {
        ReducedBatch batch = reduce(
                List.of(updated(MESSAGE, 6, "six", 0), updated(MESSAGE, 5, "five again", 1)),
                storedConversation(),
                Map.of(MESSAGE, storedMessage(5, false)));

        assertThat(fates(batch)).containsExactly(APPLIED, NOOP);
    }

    @Test
    void aDeleteIsFinalWhateverTheRevisionOfWhatFollows() {
        ReducedBatch batch = reduce(
                List.of(created(MESSAGE, 1, "x", 0), deleted(MESSAGE, 2, 1), updated(MESSAGE, 9, "back?", 2)),
                Map.of(),
                Map.of());

        assertThat(fates(batch)).containsExactly(NOOP, APPLIED, NOOP);
        assertThat(batch.messages()).singleElement().satisfies(row -> {
            assertThat(row.deletedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(row.content()).isNull();
            assertThat(row.metadataJson()).isNull();
            assertThat(row.role()).isEqualTo(Role.USER);
            assertThat(row.revision()).isEqualTo(2);
        });
    }

    @Test
    void aStoredTombstoneIgnoresEveryLaterWrite() {
        ReducedBatch batch = reduce(
                List.of(created(MESSAGE, 10, "revive", 0)),
                storedConversation(),
                Map.of(MESSAGE, storedMessage(2, true)));

        assertThat(fates(batch)).containsExactly(NOOP);
        assertThat(batch.messages()).isEmpty();
    }

    @Test
    void aDeleteOfAnUnknownMessageStoresATombstoneWithoutRole() {
        ReducedBatch batch = reduce(List.of(deleted(MESSAGE, 4, 0)), Map.of(), Map.of());

        assertThat(fates(batch)).containsExactly(APPLIED);
        assertThat(batch.messages()).singleElement().satisfies(row -> {
            assertThat(row.role()).isNull();
            assertThat(row.deletedAt()).isEqualTo(T0);
            assertThat(row.revision()).isEqualTo(4);
        });
    }

    @Test
    void anotherUsersWriteIntoAConversationIsAnOwnerMismatchEvenWhenCreatedInTheSameBatch() {
        UUID second = UUID.randomUUID();
        MessageWrite intruder = new MessageWrite(
                UUID.randomUUID(),
                EventType.CREATED,
                T0,
                second,
                CONVERSATION,
                OTHER_USER,
                1,
                Role.USER,
                "mine now",
                null);
        ReducedBatch batch = reduce(List.of(created(MESSAGE, 1, "a", 0), intruder), Map.of(), Map.of());

        assertThat(fates(batch)).containsExactly(APPLIED, DEAD_LETTER);
        assertThat(batch.verdicts().get(1).rejection().reason()).isEqualTo(RejectionReason.OWNER_MISMATCH);
        assertThat(batch.messages()).extracting(MessageRow::id).containsExactly(MESSAGE);
    }

    @Test
    void aMessageCannotMoveToAnotherConversation() {
        UUID otherConversation = UUID.randomUUID();
        MessageWrite move = new MessageWrite(
                UUID.randomUUID(),
                EventType.UPDATED,
                T0,
                MESSAGE,
                otherConversation,
                USER,
                9,
                Role.USER,
                "moved",
                null);
        ReducedBatch batch = reduce(List.of(move), storedConversation(), Map.of(MESSAGE, storedMessage(1, false)));

        assertThat(fates(batch)).containsExactly(DEAD_LETTER);
        assertThat(batch.messages()).isEmpty();
        assertThat(batch.conversations()).isEmpty();
    }

    @Test
    void ownershipIsCheckedBeforeRevision() {
        MessageWrite staleIntruder = new MessageWrite(
                UUID.randomUUID(), EventType.UPDATED, T0, MESSAGE, CONVERSATION, OTHER_USER, 1, Role.USER, "x", null);
        ReducedBatch batch =
                reduce(List.of(staleIntruder), storedConversation(), Map.of(MESSAGE, storedMessage(5, false)));

        assertThat(fates(batch)).containsExactly(DEAD_LETTER);
    }

    @Test
    void conversationUpdatedAtNeverMovesBackwards() {
        Map<UUID, StoredConversation> stored = Map.of(
                CONVERSATION, new StoredConversation(CONVERSATION, USER, T0.minusSeconds(100), T0.plusSeconds(50)));
        ReducedBatch batch = reduce(List.of(created(UUID.randomUUID(), 1, "late arrival", 0)), stored, Map.of());

        assertThat(fates(batch)).containsExactly(APPLIED);
        assertThat(batch.conversations()).isEmpty();
    }

    @Test
    void everyVerdictHoldsItsOwnEntryInArrivalOrderAndLeavesItPending() {
        List<Entry> entries = entries(List.of(
                created(MESSAGE, 1, "a", 0), updated(MESSAGE, 2, "b", 1), created(UUID.randomUUID(), 1, "c", 2)));

        ReducedBatch batch = WriteReducer.reduce(entries, Map.of(), Map.of());

        assertThat(batch.verdicts()).extracting(Verdict::entry).containsExactlyElementsOf(entries);
        assertThat(fates(batch)).containsExactly(NOOP, APPLIED, APPLIED);
        assertThat(entries).extracting(Entry::fate).as("the store settles them").containsOnly(Fate.PENDING);
    }

    private static ReducedBatch reduce(
            List<MessageWrite> events, Map<UUID, StoredConversation> conversations, Map<UUID, StoredMessage> messages) {
        return WriteReducer.reduce(entries(events), conversations, messages);
    }

    private static List<Fate> fates(ReducedBatch batch) {
        return batch.verdicts().stream().map(Verdict::fate).toList();
    }

    /** The events as the store receives them: entries of a decoded batch, in the given order. */
    private static List<Entry> entries(List<MessageWrite> events) {
        MessageWriteEncoder encoder = new MessageWriteEncoder();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (MessageWrite event : events) {
            records.add(new ConsumerRecord<>(
                    "writes",
                    0,
                    records.size(),
                    event.conversationId().toString().getBytes(StandardCharsets.UTF_8),
                    encoder.encode(event)));
        }
        List<Entry> entries =
                WriteBatch.decode(records, new MessageWriteDecoder(1 << 20)).toWrite();
        assertThat(entries).as("every test event is valid").hasSameSizeAs(events);
        return entries;
    }

    private static Map<UUID, StoredConversation> storedConversation() {
        return Map.of(
                CONVERSATION, new StoredConversation(CONVERSATION, USER, T0.minusSeconds(100), T0.minusSeconds(100)));
    }

    private static StoredMessage storedMessage(int revision, boolean deleted) {
        return new StoredMessage(
                MESSAGE, CONVERSATION, revision, Role.USER, T0.minusSeconds(100), deleted, T0.minusSeconds(90));
    }

    private static MessageWrite created(UUID message, int revision, String content, int second) {
        return new MessageWrite(
                UUID.randomUUID(),
                EventType.CREATED,
                T0.plusSeconds(second),
                message,
                CONVERSATION,
                USER,
                revision,
                Role.USER,
                content,
                "{\"k\":1}");
    }

    private static MessageWrite updated(UUID message, int revision, String content, int second) {
        return new MessageWrite(
                UUID.randomUUID(),
                EventType.UPDATED,
                T0.plusSeconds(second),
                message,
                CONVERSATION,
                USER,
                revision,
                Role.USER,
                content,
                null);
    }

    private static MessageWrite deleted(UUID message, int revision, int second) {
        return new MessageWrite(
                UUID.randomUUID(),
                EventType.DELETED,
                T0.plusSeconds(second),
                message,
                CONVERSATION,
                USER,
                revision,
                null,
                null,
                null);
    }
}
