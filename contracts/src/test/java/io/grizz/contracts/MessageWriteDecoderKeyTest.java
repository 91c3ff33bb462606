package io.grizz.contracts;

import static io.grizz.contracts.Events.assertRejected;
import static io.grizz.contracts.Events.bytes;
import static io.grizz.contracts.Events.utf8;
import static io.grizz.contracts.RejectionReason.KEY_MISMATCH;
import static io.grizz.contracts.RejectionReason.SCHEMA_VIOLATION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class MessageWriteDecoderKeyTest {

    private final MessageWriteDecoder decoder = new MessageWriteDecoder();
    private final byte[] value = bytes(Events.created());

    @Test
    void nullKeyIsKeyMismatch() {
        assertRejected(decoder.decode(null, value), KEY_MISMATCH, "record key is missing");
    }

    @Test
    void emptyKeyIsKeyMismatch() {
        assertRejected(decoder.decode(new byte[0], value), KEY_MISMATCH, "not a UUID");
    }

    @ParameterizedTest(name = "key \"{0}\" is no canonical UUID")
    @ValueSource(
            strings = {
                "conversation-1",
                "1-1-1-1-1",
                "2d9a5b7e3f4c4a8d9eafb1c2d3e4f5a6",
                "{2d9a5b7e-3f4c-4a8d-9eaf-b1c2d3e4f5a6}",
                "2d9a5b7e-3f4c-4a8d-9eaf-b1c2d3e4f5a6\n",
                " 2d9a5b7e-3f4c-4a8d-9eaf-b1c2d3e4f5a6",
                "2d9a5b7e-3f4c-4a8d-9eaf-b1c2d3e4f5aX"
            })
    void keyThatIsNotACanonicalUuidIsKeyMismatch(String key) {
        assertRejected(decoder.decode(utf8(key), value), KEY_MISMATCH, "not a UUID");
    }

    @Test
    void keyThatIsNotUtf8IsKeyMismatch() {
        byte[] key = Events.key();
        key[0] = (byte) 0xFF;
        assertRejected(decoder.decode(key, value), KEY_MISMATCH, "not a UUID");
    }

    @Test
    void keyOfThirtySixNonAsciiBytesIsKeyMismatch() {
        byte[] key = new byte[36];
        Arrays.fill(key, (byte) 0xE9);
        assertRejected(decoder.decode(key, value), KEY_MISMATCH, "not a UUID");
    }

    @Test
    void keyWithAnotherUuidIsKeyMismatch() {
        assertRejected(
                decoder.decode(utf8(Events.USER_ID.toString()), value),
                KEY_MISMATCH,
                "record key differs from conversation_id");
    }

    @Test
    void upperCaseKeyMatchesLowerCaseConversationId() {
        byte[] key = utf8(Events.CONVERSATION_ID.toString().toUpperCase(Locale.ROOT));
        assertThat(Events.valid(decoder.decode(key, value)).conversationId()).isEqualTo(Events.CONVERSATION_ID);
    }

    @Test
    void lowerCaseKeyMatchesUpperCaseConversationId() {
        ObjectNode event = Events.created();
        event.put("conversation_id", Events.CONVERSATION_ID.toString().toUpperCase(Locale.ROOT));
        assertThat(Events.valid(decoder.decode(Events.key(), bytes(event))).conversationId())
                .isEqualTo(Events.CONVERSATION_ID);
    }

    @Test
    void deleteIsCheckedAgainstTheKeyToo() {
        assertRejected(decoder.decode(utf8("not-a-uuid"), bytes(Events.deleted())), KEY_MISMATCH, "not a UUID");
    }

    @Test
    void schemaViolationIsDecidedBeforeTheKey() {
        ObjectNode event = Events.created();
        event.put("revision", 0);
        assertRejected(decoder.decode(null, bytes(event)), SCHEMA_VIOLATION, "revision");
    }

    @Test
    void badConversationIdIsSchemaViolationNotKeyMismatch() {
        ObjectNode event = Events.created();
        event.put("conversation_id", "1-1-1-1-1");
        assertRejected(decoder.decode(utf8("1-1-1-1-1"), bytes(event)), SCHEMA_VIOLATION, "conversation_id");
    }
}
