package io.grizz.load.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grizz.contracts.EventType;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteEncoder;
import io.grizz.contracts.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayWorkloadTest {

    @TempDir
    Path dir;

    @Test
    void aRecordedBurstReplaysToTheSameFinalState() {
        GeneratedWorkload generated =
                GeneratedWorkload.generate(new WorkloadSpec(3_000, 50, EventMix.DEFAULT, 10, 40, 3), "rec");
        Path file = dir.resolve("burst.jsonl");
        try (EventRecorder recorder = EventRecorder.create(file)) {
            for (EventStream stream : generated.streams()) {
                while (stream.hasNext()) {
                    recorder.record(stream.next(Instant.now()));
                }
            }
        }
        ReplayWorkload replay = ReplayWorkload.read(file, 20);

        assertThat(replay.events()).isEqualTo(3_000);
        ExpectedState want = generated.expected();
        ExpectedState got = replay.expected();
        assertThat(got.messages()).isEqualTo(want.messages());
        for (int m = 0; m < want.messages(); m++) {
            int r = got.indexOf(want.messageId(m));
            assertThat(got.revision(r)).isEqualTo(want.revision(m));
            assertThat(got.deleted(r)).isEqualTo(want.deleted(m));
        }
    }

    @Test
    void writersKeepEachConversationInFileOrder() throws IOException {
        UUID conversation = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        List<MessageWrite> events = new ArrayList<>();
        for (int revision = 1; revision <= 30; revision++) {
            events.add(event(
                    revision == 1 ? EventType.CREATED : EventType.UPDATED, conversation, user, message, revision));
            events.add(event(EventType.CREATED, UUID.randomUUID(), user, UUID.randomUUID(), 1));
        }
        ReplayWorkload replay = ReplayWorkload.read(write(events), 4);

        List<SentEvents.Sent> sent = SentEvents.all(replay);
        assertThat(sent).hasSize(60);
        assertThat(sent.stream()
                        .filter(s -> s.event().messageId().equals(message))
                        .map(s -> s.event().revision()))
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, 30).boxed().toList());
        assertThat(sent.stream()
                        .filter(s -> s.event().conversationId().equals(conversation))
                        .map(SentEvents.Sent::writer)
                        .distinct())
                .hasSize(1);
    }

    @Test
    void theExpectedStateFollowsSpecRulesNotTheLastLine() throws IOException {
        UUID conversation = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        ReplayWorkload replay = ReplayWorkload.read(
                write(List.of(
                        event(EventType.CREATED, conversation, user, older, 3),
                        event(EventType.UPDATED, conversation, user, older, 2),
                        event(EventType.CREATED, conversation, user, deleted, 1),
                        event(EventType.DELETED, conversation, user, deleted, 2),
                        event(EventType.UPDATED, conversation, user, deleted, 9))),
                2);

        ExpectedState expected = replay.expected();
        int o = expected.indexOf(older);
        int d = expected.indexOf(deleted);
        assertThat(expected.revision(o)).as("a lower revision is a no-op").isEqualTo(3);
        assertThat(expected.finalSeq(o)).as("seq = line number").isEqualTo(1);
        assertThat(expected.revision(d)).as("nothing applies after a delete").isEqualTo(2);
        assertThat(expected.deleted(d)).isTrue();
        assertThat(expected.finalSeq(d)).isEqualTo(4);
    }

    @Test
    void anInvalidLineStopsTheReplayNamingItsLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        MessageWrite good = event(EventType.CREATED, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1);
        String badRevision = new String(new MessageWriteEncoder().encode(good), StandardCharsets.UTF_8)
                .replace("\"revision\":1", "\"revision\":0");
        Files.writeString(
                file,
                new String(new MessageWriteEncoder().encode(good), StandardCharsets.UTF_8) + "\n\n" + badRevision
                        + "\n");

        assertThatThrownBy(() -> ReplayWorkload.read(file, 2))
                .hasMessageContaining("line 3")
                .hasMessageContaining("revision");
        Files.writeString(file, "{\"not\":\"an event\"}\n");
        assertThatThrownBy(() -> ReplayWorkload.read(file, 2)).hasMessageContaining("line 1");
    }

    private Path write(List<MessageWrite> events) throws IOException {
        Path file = dir.resolve("events.jsonl");
        StringBuilder text = new StringBuilder();
        MessageWriteEncoder encoder = new MessageWriteEncoder();
        for (MessageWrite event : events) {
            text.append(new String(encoder.encode(event), StandardCharsets.UTF_8))
                    .append('\n');
        }
        Files.writeString(file, text);
        return file;
    }

    private static MessageWrite event(EventType type, UUID conversation, UUID user, UUID message, int revision) {
        return new MessageWrite(
                UUID.randomUUID(),
                type,
                Instant.now(),
                message,
                conversation,
                user,
                revision,
                Role.USER,
                "text " + revision,
                null);
    }

    @Test
    void linesAreNumberedFromOneSkippingBlankOnes() throws IOException {
        Map<Long, Integer> revisionBySeq = new HashMap<>();
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        Path file = write(List.of(event(EventType.CREATED, conversation, UUID.randomUUID(), message, 1)));
        Files.writeString(file, "\n" + Files.readString(file));
        ReplayWorkload replay = ReplayWorkload.read(file, 1);
        SentEvents.all(replay)
                .forEach(s -> revisionBySeq.put(s.outgoing().seq(), s.event().revision()));
        assertThat(revisionBySeq).containsExactly(Map.entry(2L, 1));
    }
}
