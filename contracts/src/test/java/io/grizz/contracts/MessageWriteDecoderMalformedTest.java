package io.grizz.contracts;

import static io.grizz.contracts.Events.assertRejected;
import static io.grizz.contracts.Events.decodeText;
import static io.grizz.contracts.Events.key;
import static io.grizz.contracts.Events.utf8;
import static io.grizz.contracts.RejectionReason.MALFORMED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class MessageWriteDecoderMalformedTest {

    private final MessageWriteDecoder decoder = new MessageWriteDecoder();

    @Test
    void nullValueIsMalformed() {
        assertRejected(decoder.decode(key(), null), MALFORMED, "empty");
    }

    @Test
    void emptyValueIsMalformed() {
        assertRejected(decoder.decode(key(), new byte[0]), MALFORMED, "empty");
    }

    @Test
    void nullValueAndNullKeyIsMalformedNotKeyMismatch() {
        assertRejected(decoder.decode(null, null), MALFORMED, "empty");
    }

    /** Invalid UTF-8 placed inside the content string, where a lenient JSON parser would let it through. */
    @ParameterizedTest(name = "invalid UTF-8 bytes {0} inside content are malformed")
    @ValueSource(strings = {"FF", "80", "C0AF", "EDA080", "E282", "F4908080", "F8888080", "C3"})
    void invalidUtf8InsideAStringIsMalformed(String hex) {
        String json = Events.createdWithContentMember("\"content\":\"ab@@cd\"");
        int at = json.indexOf("@@");
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        value.writeBytes(utf8(json.substring(0, at)));
        value.writeBytes(hexBytes(hex));
        value.writeBytes(utf8(json.substring(at + 2)));

        assertRejected(decoder.decode(key(), value.toByteArray()), MALFORMED, "UTF-8");
    }

    @Test
    void latin1EncodedValueIsMalformed() {
        byte[] latin1 = Events.createdWithContentMember("\"content\":\"café\"").getBytes(StandardCharsets.ISO_8859_1);
        assertRejected(decoder.decode(key(), latin1), MALFORMED, "UTF-8");
    }

    @ParameterizedTest(name = "not JSON: {0}")
    @ValueSource(
            strings = {
                "hello",
                "{",
                "{\"schema_version\":1",
                "{'schema_version':1}",
                "{schema_version:1}",
                "{\"a\":1,}",
                "{\"a\":NaN}",
                "{\"a\":01}",
                "{\"a\":\"unterminated}",
                "{\"a\":\"tab\tinside\"}"
            })
    void unparseableJsonIsMalformed(String value) {
        assertRejected(decodeText(value), MALFORMED, "not valid JSON");
    }

    @ParameterizedTest(name = "trailing data after the object: {0}")
    @ValueSource(strings = {" x", " {}", "}", ",", " 1", "[]"})
    void trailingDataAfterTheObjectIsMalformed(String trailer) {
        assertRejected(decodeText(Events.created() + trailer), MALFORMED, "not valid JSON");
    }

    @Test
    void trailingWhitespaceIsAllowed() {
        Events.valid(decodeText(" \n" + Events.created() + " \r\n\t"));
    }

    @Test
    void duplicateTopLevelFieldIsMalformed() {
        String json = Events.createdWithContentMember("\"content\":\"one\",\"content\":\"two\"");
        assertRejected(decodeText(json), MALFORMED, "duplicate");
    }

    @Test
    void duplicateRevisionFieldIsMalformedEvenWithEqualValues() {
        String json = Events.createdWithContentMember("\"content\":\"x\",\"revision\":1");
        assertRejected(decodeText(json), MALFORMED, "duplicate");
    }

    @Test
    void duplicateFieldNestedInMetadataIsMalformed() {
        String json = Events.createdWithContentMember("\"content\":\"x\",\"extra\":{\"a\":{\"k\":1,\"k\":2}}");
        assertRejected(decodeText(json), MALFORMED, "duplicate");
    }

    /** The decoder finds duplicate names itself ({@code DuplicateNames}): every place a name can repeat. */
    @ParameterizedTest(name = "duplicate name: {0}")
    @ValueSource(
            strings = {
                "\"content\":\"x\",\"metadata\":{\"a\":1,\"a\":2}",
                "\"content\":\"x\",\"metadata\":{\"l\":[1,{\"k\":1,\"k\":1}]}",
                "\"content\":\"x\",\"extra\":1,\"extra\":2",
                "\"content\":\"x\",\"extra\":[{\"k\":[{\"z\":1,\"z\":1}]}]",
                "\"content\":{\"k\":1,\"k\":2}",
                "\"content\":\"x\",\"metadata\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,"
                        + "\"h\":8,\"i\":9,\"j\":10,\"k\":11,\"l\":12,\"m\":13,\"n\":14,\"m\":15}"
            })
    void duplicateNameAnywhereIsMalformed(String members) {
        assertRejected(decodeText(createdWithoutMetadata(members)), MALFORMED, "duplicate");
    }

    /** The valid created event without its metadata, {@code "content":"hello"} replaced by the given members. */
    private static String createdWithoutMetadata(String members) {
        ObjectNode event = Events.created();
        event.remove("metadata");
        return event.toString().replace("\"content\":\"hello\"", members);
    }

    @Test
    void duplicateNameInATopLevelThatIsNotAnObjectIsMalformed() {
        assertRejected(decodeText("[{\"k\":1,\"k\":2}]"), MALFORMED, "duplicate");
    }

    @Test
    void theSameNameInDifferentObjectsIsNoDuplicate() {
        String json = createdWithoutMetadata("\"content\":\"x\",\"extra\":{\"content\":1},"
                + "\"metadata\":{\"k\":{\"k\":1},\"l\":[{\"k\":1},{\"k\":1}],\"a\":1,\"b\":2,\"c\":3,\"d\":4,"
                + "\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,\"m\":11,\"n\":12,\"o\":13}");
        assertThat(Events.valid(decodeText(json)).metadataJson()).contains("\"o\":13");
    }

    @ParameterizedTest(name = "top level is not an object: {0}")
    @ValueSource(strings = {"[]", "[{\"schema_version\":1}]", "\"text\"", "42", "true", "null", " ", "\n\t "})
    void topLevelThatIsNotAnObjectIsMalformed(String value) {
        assertRejected(decodeText(value), MALFORMED, "not a JSON object");
    }

    @Test
    void malformedDetailGivesThePositionButNeverQuotesTheInput() {
        String secret = "SECRET-CONTENT-do-not-log";
        DecodeResult result = decodeText("{\"content\":" + secret + "}");

        assertRejected(result, MALFORMED, "line 1, column");
        assertThat(result.rejection().detail()).doesNotContain("SECRET");
    }

    private static byte[] hexBytes(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
