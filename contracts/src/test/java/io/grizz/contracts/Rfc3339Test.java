package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

    @Test
    void agreesWithJavaTimeOnRandomInstantsAndOffsets() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            String text = OffsetDateTime.ofInstant(instant, offset).toString();
            if (text.charAt(4) != '-') {
                continue; // java.time writes years beyond 9999 with a sign
            }
            assertThat(Rfc3339.parseOrNull(text)).as(text).isEqualTo(instant.truncatedTo(ChronoUnit.MICROS));
        }
    }

    @Test
    void truncatesInsteadOfRounding() {
        assertThat(Rfc3339.parseOrNull("2024-12-31T23:59:59.9999999Z"))
                .isEqualTo(Instant.parse("2024-12-31T23:59:59.999999Z"));
    }

    @Test
    void formatsInUtcWithSixFractionDigits() {
        assertThat(Rfc3339.format(Instant.parse("2024-05-01T12:00:00Z"))).isEqualTo("2024-05-01T12:00:00.000000Z");
        assertThat(Rfc3339.format(Instant.parse("1970-01-01T00:00:00.000001Z")))
                .isEqualTo("1970-01-01T00:00:00.000001Z");
    }

    @Test
    void formatThenParseIsIdentityAtMicrosecondPrecision() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000) * 1_000L);
            assertThat(Rfc3339.parseOrNull(Rfc3339.format(instant))).isEqualTo(instant);
        }
    }

    @Test
    void acceptsALeapSecondOnlyAtTheEndOfAUtcDay() {
        assertThat(Rfc3339.parseOrNull("2016-12-31T23:59:60Z")).isEqualTo(Instant.parse("2016-12-31T23:59:59Z"));
        assertThat(Rfc3339.parseOrNull("2017-01-01T00:59:60+01:00")).isEqualTo(Instant.parse("2016-12-31T23:59:59Z"));
        assertThat(Rfc3339.parseOrNull("2016-12-31T23:59:60+01:00")).isNull();
        assertThat(Rfc3339.parseOrNull("2016-12-31T12:30:60Z")).isNull();
    }

    @Test
    void readsATimeWithoutSecondsAsWholeMinuteAsJavaTimeWritesIt() {
        assertThat(Rfc3339.parseOrNull("2026-07-01T10:00Z")).isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
        assertThat(Rfc3339.parseOrNull("2026-07-01T10:00+02:00")).isEqualTo(Instant.parse("2026-07-01T08:00:00Z"));
        OffsetDateTime wholeMinute = OffsetDateTime.parse("2026-07-01T10:00:00-05:30");
        assertThat(wholeMinute.toString()).isEqualTo("2026-07-01T10:00-05:30");
        assertThat(Rfc3339.parseOrNull(wholeMinute.toString())).isEqualTo(wholeMinute.toInstant());
    }

    @Test
    void stillRefusesOtherShortenedForms() {
        assertThat(Rfc3339.parseOrNull("2026-07-01T10Z")).isNull();
        assertThat(Rfc3339.parseOrNull("2026-07-01T10:00.5Z")).isNull();
        assertThat(Rfc3339.parseOrNull("2026-07-01T10:00:Z")).isNull();
        assertThat(Rfc3339.parseOrNull("2026-07-01T10:00:0Z")).isNull();
        assertThat(Rfc3339.parseOrNull("2026-07-01T10:00")).isNull();
        assertThat(Rfc3339.parseOrNull("2026-07-01T10:60Z")).isNull();
    }
}
