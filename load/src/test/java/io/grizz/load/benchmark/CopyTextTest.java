package io.grizz.load.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void escapesWhatTheTextFormatReservesAndWritesNullsAsBackslashN() {
        UUID id = UUID.fromString("00000000-0000-4000-8000-000000000001");
        OffsetDateTime time = OffsetDateTime.parse("2025-01-02T03:04:05.123456Z");
        StringBuilder line = new StringBuilder();
        new CopyText()
                .append(line, new MessageRow(id, id, id, "user", "tab\there\nnew\\line\r", null, 3, time, time, null));
        assertThat(line.toString())
                .isEqualTo(id + "\t" + id + "\t" + id + "\tuser\ttab\\there\\nnew\\\\line\\r\t\\N\t3\t"
                        + "2025-01-02T03:04:05.123456Z\t2025-01-02T03:04:05.123456Z\t\\N\n");
    }

    @Test
    void eachRowGetsItsOwnTimestampEvenWhenTheyDiffer() {
        UUID id = UUID.randomUUID();
        OffsetDateTime first = OffsetDateTime.parse("2025-01-02T03:04:05Z");
        OffsetDateTime second = first.plusSeconds(1);
        CopyText text = new CopyText();
        StringBuilder line = new StringBuilder();
        text.append(line, new MessageRow(id, id, id, null, null, null, 1, first, first, first));
        text.append(line, new MessageRow(id, id, id, null, null, null, 1, first, second, null));
        assertThat(line.toString().split("\n")[1]).endsWith("\t2025-01-02T03:04:05Z\t2025-01-02T03:04:06Z\t\\N");
    }
}
