package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalUuidTest {

    @RepeatedTest(20)
    void parsesWhatUuidToStringWritesInEitherCase() {
        UUID uuid = UUID.randomUUID();
        assertThat(CanonicalUuid.parseOrNull(uuid.toString())).isEqualTo(uuid);
        assertThat(CanonicalUuid.parseOrNull(uuid.toString().toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo(uuid);
    }

    @Test
    void parsesTheExtremes() {
        assertThat(CanonicalUuid.parseOrNull("00000000-0000-0000-0000-000000000000"))
                .isEqualTo(new UUID(0, 0));
        assertThat(CanonicalUuid.parseOrNull("ffffffff-ffff-ffff-ffff-ffffffffffff"))
                .isEqualTo(new UUID(-1, -1));
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(
            strings = {
                "",
                "1-1-1-1-1",
                "00000000-0000-0000-0000-00000000000",
                "00000000-0000-0000-0000-0000000000000",
                "000000000-000-0000-0000-000000000000",
                "00000000_0000_0000_0000_000000000000",
                "0000000g-0000-0000-0000-000000000000",
                "٠0000000-0000-0000-0000-000000000000",
                "+0000000-0000-0000-0000-000000000000",
                "00000000-0000-0000-0000-00000000000 "
            })
    void rejectsTextThatIsNotCanonical(String text) {
        assertThat(CanonicalUuid.parseOrNull(text)).isNull();
    }

    @Test
    void rejectsNull() {
        assertThat(CanonicalUuid.parseOrNull(null)).isNull();
    }
}
