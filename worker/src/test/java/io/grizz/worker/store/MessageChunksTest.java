package io.grizz.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageChunksTest {

    private static final Instant T = Instant.parse("2026-07-01T10:00:00Z");

    @Test
    void rowsThatFitStayOneStatementAsTheyAre() {
        List<MessageRow> rows = List.of(row("b", 10), row("a", 10));

        assertThat(MessageChunks.split(rows, 20)).containsExactly(rows);
        assertThat(MessageChunks.split(List.of(), 20)).containsExactly(List.of());
    }

    @Test
    void largerBatchesAreCutInIdOrderAndARowLargerThanTheBoundGoesAlone() {
        MessageRow a = row("00000000-0000-0000-0000-00000000000a", 8);
        MessageRow b = row("00000000-0000-0000-0000-00000000000b", 8);
        MessageRow c = row("00000000-0000-0000-0000-00000000000c", 30);
        MessageRow d = row("00000000-0000-0000-0000-00000000000d", 5);

        assertThat(MessageChunks.split(List.of(d, c, b, a), 20)).containsExactly(List.of(a, b), List.of(c), List.of(d));
    }

    private static MessageRow row(String id, int contentChars) {
        UUID uuid = id.length() == 36 ? UUID.fromString(id) : UUID.nameUUIDFromBytes(id.getBytes());
        return new MessageRow(
                UUID.randomUUID(),
                null,
                uuid,
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                "x".repeat(contentChars),
                null,
                1,
                T,
                T,
                null);
    }
}
