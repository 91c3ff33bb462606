package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresTextTest {

    @ParameterizedTest(name = "UTF-8 length of \"{0}\" matches String.getBytes")
    @ValueSource(
            strings = {
                "",
                "a",
                "é",
                "€",
                "😀",
                "𝄞",
                "a\u007f\u0080\u07ff\u0800\uffff",
                "👩‍👩‍👧‍👦",
                "mixed é € 😀 text",
                "an ASCII prefix longer than a word, then é",
                "an ASCII prefix longer than a word, then 😀 and more ASCII"
            })
    void countsUtf8BytesLikeTheJdk(String text) {
        assertThat(PostgresText.utf8LengthIfStorable(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        // the parser's buffers take the CharSequence way: the same answer
        assertThat(PostgresText.utf8LengthIfStorable(CharBuffer.wrap(text)))
                .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest(name = "not storable: {0}")
    @ValueSource(
            strings = {
                "\u0000",
                "a\u0000",
                "\ud800",
                "a\ud800b",
                "\udc00",
                "\udc00\ud800",
                "😀\ud83d",
                "a long ASCII prefix\u0000",
                "a long ASCII prefix, é, then \ud800"
            })
    void refusesNulAndUnpairedSurrogates(String text) {
        assertThat(PostgresText.utf8LengthIfStorable(text)).isEqualTo(PostgresText.NOT_STORABLE);
        assertThat(PostgresText.isStorable(text)).isFalse();
    }
}
