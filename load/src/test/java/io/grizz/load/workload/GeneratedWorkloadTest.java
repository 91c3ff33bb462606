package io.grizz.load.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.grizz.contracts.EventType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GeneratedWorkloadTest {

    private static final WorkloadSpec CI_BURST = new WorkloadSpec(2_000, 200, EventMix.DEFAULT, 10, 120, 7);

    private final GeneratedWorkload workload = GeneratedWorkload.generate(CI_BURST, "run-1");
    private final List<SentEvents.Sent> sent = SentEvents.all(workload);

    @Test
    void sendsExactlyTheMixAsked() {
        EventMix.Counts counts = EventMix.DEFAULT.counts(2_000);
        assertThat(sent).hasSize(2_000);
        assertThat(sent.stream().filter(s -> s.event().type() == EventType.CREATED))
                .hasSize(counts.messages());
        assertThat(sent.stream().filter(s -> s.event().type() == EventType.UPDATED))
                .hasSize(counts.updates());
        assertThat(sent.stream().filter(s -> s.event().type() == EventType.DELETED))
                .hasSize(counts.deletes());
    }

    @Test
    void everyMessageStartsCreatedAndCountsItsRevisionsUpOneByOneEndingAtMostInOneDelete() {
        Map<UUID, Integer> lastRevision = new HashMap<>();
        Set<UUID> deleted = new HashSet<>();
        for (SentEvents.Sent s : sent) {
            UUID message = s.event().messageId();
            int expected = lastRevision.getOrDefault(message, 0) + 1;
            assertThat(s.event().revision()).as("revision of %s", message).isEqualTo(expected);
            assertThat(s.event().type() == EventType.CREATED).isEqualTo(expected == 1);
            assertThat(deleted).as("nothing after a delete").doesNotContain(message);
            if (s.event().isDelete()) {
                deleted.add(message);
            }
            lastRevision.put(message, expected);
        }
    }

    @Test
    void eachConversationBelongsToOneWriterAndOneUser() {
        Map<UUID, Integer> writerOf = new HashMap<>();
        Map<UUID, UUID> ownerOf = new HashMap<>();
        for (SentEvents.Sent s : sent) {
            assertThat(writerOf.computeIfAbsent(s.event().conversationId(), c -> s.writer()))
                    .isEqualTo(s.writer());
            assertThat(ownerOf.computeIfAbsent(
                            s.event().conversationId(), c -> s.event().userId()))
                    .isEqualTo(s.event().userId());
        }
    }

    @Test
    void everyWriterHasWorkWhenThereAreEnoughMessages() {
        assertThat(SentEvents.perWriter(workload))
                .allSatisfy(events -> assertThat(events).isNotEmpty());
        assertThat(workload.conversations()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void sequenceNumbersAreUniqueAndTaggedWithTheRunInTheMetadata() {
        Set<Long> seqs = new HashSet<>();
        for (SentEvents.Sent s : sent) {
            assertThat(seqs.add(s.outgoing().seq())).isTrue();
            if (!s.event().isDelete()) {
                assertThat(s.event().metadataJson())
                        .isEqualTo("{\"load_run\":\"run-1\",\"seq\":"
                                + s.outgoing().seq() + ",\"writer\":" + s.writer() + "}");
                assertThat(s.event().content()).hasSize(120);
            }
        }
        assertThat(seqs).hasSize(2_000).allSatisfy(seq -> assertThat(seq).isBetween(0L, 1_999L));
    }

    @Test
    void theExpectedStateIsTheLastWriteOfEachMessage() {
        Map<UUID, SentEvents.Sent> last = new HashMap<>();
        sent.forEach(s -> last.put(s.event().messageId(), s));
        ExpectedState expected = workload.expected();
        assertThat(expected.messages()).isEqualTo(last.size());
        for (int m = 0; m < expected.messages(); m++) {
            SentEvents.Sent finalWrite = last.get(expected.messageId(m));
            assertThat(expected.revision(m)).isEqualTo(finalWrite.event().revision());
            assertThat(expected.deleted(m)).isEqualTo(finalWrite.event().isDelete());
            assertThat(expected.finalSeq(m)).isEqualTo(finalWrite.outgoing().seq());
            assertThat(finalWrite.outgoing().messageIndex()).isEqualTo(m);
            assertThat(expected.indexOf(expected.messageId(m))).isEqualTo(m);
        }
    }

    @Test
    void theSameSeedLaysOutTheSameStructureWithFreshIds() {
        GeneratedWorkload again = GeneratedWorkload.generate(CI_BURST, "run-2");
        for (int w = 0; w < 200; w++) {
            assertThat(again.script(w)).isEqualTo(workload.script(w));
        }
        assertThat(again.expected().messageId(0))
                .isNotEqualTo(workload.expected().messageId(0));
    }

    @Test
    void everyRunOfTheSameWorkloadStartsFromItsFirstEvent() {
        assertThat(SentEvents.all(workload))
                .extracting(s -> s.event().revision())
                .isEqualTo(sent.stream().map(s -> s.event().revision()).toList());
    }

    @Test
    void roundRobinGoesRoundEachWritersConversationsOneEventEach() {
        // 2,000 created events in 200 conversations of 10 messages, 50 writers: 4 conversations each
        GeneratedWorkload roundRobin = GeneratedWorkload.generate(
                new WorkloadSpec(2_000, 50, EventMix.CREATED_ONLY, 10, 40, 7, EventOrder.ROUND_ROBIN), "rr");
        List<List<SentEvents.Sent>> writers = SentEvents.perWriter(roundRobin);
        for (List<SentEvents.Sent> writer : writers) {
            assertThat(writer).hasSize(40);
            for (int e = 4; e < writer.size(); e++) {
                assertThat(writer.get(e).event().conversationId())
                        .as("every 4th event of a writer is in the same conversation")
                        .isEqualTo(writer.get(e - 4).event().conversationId());
            }
            assertThat(writer.subList(0, 4).stream()
                            .map(sent -> sent.event().conversationId())
                            .distinct())
                    .hasSize(4);
        }
        assertThat(roundRobin.prefillInTurns()).isTrue();
        assertThat(roundRobin.order()).contains("round-robin");
        assertThat(workload.prefillInTurns()).isFalse();
    }

    @Test
    void roundRobinKeepsEveryMessagesRevisionsInOrder() {
        GeneratedWorkload roundRobin = GeneratedWorkload.generate(
                new WorkloadSpec(2_000, 200, EventMix.DEFAULT, 10, 40, 7, EventOrder.ROUND_ROBIN), "rr");
        Map<UUID, Integer> lastRevision = new HashMap<>();
        for (SentEvents.Sent s : SentEvents.all(roundRobin)) {
            int expected = lastRevision.getOrDefault(s.event().messageId(), 0) + 1;
            assertThat(s.event().revision()).isEqualTo(expected);
            lastRevision.put(s.event().messageId(), expected);
        }
        assertThat(lastRevision).hasSize(roundRobin.expected().messages());
    }

    @Test
    void theOrderIsReadFromItsName() {
        assertThat(EventOrder.parse("round-robin")).isEqualTo(EventOrder.ROUND_ROBIN);
        assertThat(EventOrder.parse("Shuffled")).isEqualTo(EventOrder.SHUFFLED);
        assertThat(EventOrder.ROUND_ROBIN).hasToString("round-robin");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EventOrder.parse("random"))
                .withMessageContaining("shuffled, round-robin");
    }
}
