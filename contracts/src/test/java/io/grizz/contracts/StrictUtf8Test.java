package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictUtf8Test {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "41",
                "c2a9",
                "e282ac",
                "f09f9880",
                "f48fbfbf",
                "ed9fbf",
                "ee8080",
                "efbfbf",
                "e0a080",
                "f0908080"
            })
    void wellFormedSequencesPass(String hex) {
        assertThat(StrictUtf8.isWellFormed(HexFormat.of().parseHex(hex))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "80", // a lone continuation byte
                "c0af", // overlong '/'
                "c1bf", // overlong
                "e080af", // overlong three-byte form
                "f08080af", // overlong four-byte form
                "eda080", // U+D800, a surrogate
                "edbfbf", // U+DFFF, a surrogate
                "f4908080", // above U+10FFFF
                "f5808080", // no such lead byte
                "ff",
                "c2", // truncated
                "e282", // truncated
                "f09f98", // truncated
                "c241", // a continuation byte missing
                "e241ac",
                "f09f4180"
            })
    void malformedSequencesFail(String hex) {
        assertThat(StrictUtf8.isWellFormed(HexFormat.of().parseHex(hex))).isFalse();
    }

    /** ASCII is skipped eight bytes at a time: a bad sequence is found at every offset, before and after a word. */
    @ParameterizedTest
    @ValueSource(strings = {"80", "c0af", "eda080", "f4908080", "c2", "e282", "f09f98"})
    void malformedSequencesFailAtEveryOffsetInAscii(String hex) {
        byte[] sequence = HexFormat.of().parseHex(hex);
        for (int before = 0; before <= 17; before++) {
            for (int after : new int[] {0, 1, 7, 8, 9}) {
                byte[] bytes = new byte[before + sequence.length + after];
                Arrays.fill(bytes, (byte) 'a');
                System.arraycopy(sequence, 0, bytes, before, sequence.length);
                assertThat(StrictUtf8.isWellFormed(bytes))
                        .as(before + " + " + hex + " + " + after)
                        .isFalse();
            }
        }
    }

    /** Mostly ASCII, as records are, and long enough for the word-at-a-time path: still the JDK's answer. */
    @Test
    void agreesWithTheJdksStrictDecoderOnLongMostlyAsciiBytes() {
        Random random = new Random(20261207);
        byte[] pool = HexFormat.of().parseHex("41 42 43 44 45 46 47 48 7f 80 bf c2 e0 ed f0 f4".replace(" ", ""));
        for (int round = 0; round < 100_000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(10) == 0 ? pool[8 + random.nextInt(8)] : pool[random.nextInt(8)];
            }
            assertThat(StrictUtf8.isWellFormed(bytes))
                    .as(HexFormat.of().formatHex(bytes))
                    .isEqualTo(jdkAccepts(bytes));
        }
    }

    /** Whatever the bytes, the answer is the JDK's strict decoder's: the rule the contract names. */
    @Test
    void agreesWithTheJdksStrictDecoderOnRandomBytes() {
        Random random = new Random(20261205);
        byte[] pool =
                HexFormat.of().parseHex("41 7f 80 8f 90 9f a0 bf c0 c1 c2 df e0 ed ef f0 f4 f5 ff".replace(" ", ""));
        for (int round = 0; round < 200_000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = pool[random.nextInt(pool.length)];
            }
            assertThat(StrictUtf8.isWellFormed(bytes))
                    .as(HexFormat.of().formatHex(bytes))
                    .isEqualTo(jdkAccepts(bytes));
        }
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
