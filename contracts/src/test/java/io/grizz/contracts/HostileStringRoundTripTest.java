package io.grizz.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** Text that breaks naive escaping must come out of encode → decode exactly as it went in. */
class HostileStringRoundTripTest {

    private final MessageWriteEncoder encoder = new MessageWriteEncoder();
    private final MessageWriteDecoder decoder = new MessageWriteDecoder();

    @ParameterizedTest(name = "content round-trips unchanged: {0}")
    @ValueSource(
            strings = {
                "\"double\" and 'single' quotes",
                "back\\slash \\\\ \\u0041 \\n not an escape",
                "'); DROP TABLE messages; --",
                "Robert'); DELETE FROM conversations WHERE ('1'='1",
                "$1 $$ dollar-quoted $$ ::jsonb",
                "emoji 😀👩‍👩‍👧‍👦🏳️‍🌈 and 𝄞 outside the BMP",
                "control \n\r\t\b\f\u0001\u001f\u007f characters",
                "line\u2028separator\u2029paragraph",
                "</script><script>alert(1)</script>",
                "\uFEFFbyte order mark",
                "right-to-left \u202Eevil\u202C and zero\u200Bwidth",
                "中文 · العربية · עברית · हिन्दी",
                "{\"looks\":\"like json\"}",
                "   ",
                ""
            })
    void hostileContentRoundTripsUnchanged(String content) {
        MessageWrite original = event(content, null);

        assertThat(roundTrip(original)).isEqualTo(original);
    }

    @ParameterizedTest(name = "metadata string round-trips unchanged: {0}")
    @ValueSource(
            strings = {
                "\"quoted\"",
                "back\\slash",
                "'; DROP TABLE messages; --",
                "😀 𝄞",
                "tab\tnew\nline",
                "\u2028",
                "\\u0000 as six characters, not a NUL"
            })
    void hostileMetadataRoundTripsUnchanged(String text) {
        ObjectNode metadata = EventJson.MAPPER.createObjectNode();
        metadata.put(text, text);
        metadata.putArray("list").add(text).addObject().put("nested", text);
        MessageWrite original = event("content", metadata.toString());

        MessageWrite decoded = roundTrip(original);

        assertThat(decoded).isEqualTo(original);
        assertThat(EventJson.MAPPER.readTree(decoded.metadataJson())).isEqualTo(metadata);
    }

    private MessageWrite roundTrip(MessageWrite event) {
        DecodeResult result = decoder.decode(MessageWriteEncoder.key(event.conversationId()), encoder.encode(event));
        return Events.valid(result);
    }

    private static MessageWrite event(String content, String metadataJson) {
        return new MessageWrite(
                Events.EVENT_ID,
                EventType.UPDATED,
                Instant.parse("2024-05-01T12:00:00.654321Z"),
                Events.MESSAGE_ID,
                Events.CONVERSATION_ID,
                Events.USER_ID,
                3,
                Role.ASSISTANT,
                content,
                metadataJson);
    }
}
