package io.grizz.contracts;

import static io.grizz.contracts.Events.assertRejected;
import static io.grizz.contracts.Events.bytes;
import static io.grizz.contracts.RejectionReason.KEY_MISMATCH;
import static io.grizz.contracts.RejectionReason.SCHEMA_VIOLATION;
import static io.grizz.contracts.RejectionReason.TOO_LARGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class MessageWriteDecoderSizeTest {

    private static DecodeResult decodeWithContent(int maxContentBytes, String content) {
        ObjectNode event = Events.created();
        event.put("content", content);
        return new MessageWriteDecoder(maxContentBytes).decode(Events.key(), bytes(event));
    }

    @Test
    void contentOfExactlyTheLimitInTwoByteCharactersIsAccepted() {
        String content = "é".repeat(50);
        assertThat(Events.valid(decodeWithContent(100, content)).content()).isEqualTo(content);
    }

    @Test
    void contentOneByteOverTheLimitIsTooLarge() {
        assertRejected(
                decodeWithContent(100, "é".repeat(50) + "a"),
                TOO_LARGE,
                "content is 101 bytes of UTF-8, over the limit of 100");
    }

    @Test
    void limitCountsUtf8BytesNotCharacters() {
        // 30 chars (60 UTF-16 units) but 120 bytes of UTF-8
        assertRejected(decodeWithContent(119, "😀".repeat(30)), TOO_LARGE, "content is 120 bytes");
        assertThat(Events.valid(decodeWithContent(120, "😀".repeat(30))).content())
                .hasSize(60);
    }

    @Test
    void threeByteCharactersAtTheLimitAreAccepted() {
        assertThat(Events.valid(decodeWithContent(9, "€€€")).content()).isEqualTo("€€€");
        assertRejected(decodeWithContent(8, "€€€"), TOO_LARGE, "9 bytes");
    }

    @Test
    void defaultLimitAcceptsExactlyOneMebibyteOfMixedCharacters() {
        String content = "ab€😀".repeat(1024 * 1024 / 9) + "x".repeat(1024 * 1024 % 9);
        assertThat(Events.valid(decodeWithContent(MessageWriteDecoder.DEFAULT_MAX_CONTENT_BYTES, content))
                        .content())
                .isEqualTo(content);
    }

    @Test
    void defaultLimitRejectsOneByteMore() {
        String content = "€".repeat(1024 * 1024 / 3) + "xy";
        assertRejected(
                decodeWithContent(MessageWriteDecoder.DEFAULT_MAX_CONTENT_BYTES, content),
                TOO_LARGE,
                "content is 1048577 bytes");
    }

    @Test
    void emptyContentIsAcceptedUnderAZeroLimit() {
        assertThat(Events.valid(decodeWithContent(0, "")).content()).isEmpty();
    }

    /**
     * Jackson's default (100M chars) would turn a huge content into "malformed"; a 100 MB test record is too heavy for
     * CI.
     */
    @Test
    void parserPutsNoLimitOnStringLengthSoHugeContentIsTooLargeNotMalformed() {
        assertThat(EventJson.MAPPER.tokenStreamFactory().streamReadConstraints().getMaxStringLength())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void tooLargeDetailNeverQuotesTheContent() {
        DecodeResult result = decodeWithContent(5, "SECRET-CONTENT");
        assertRejected(result, TOO_LARGE, "bytes");
        assertThat(result.rejection().detail()).doesNotContain("SECRET");
    }

    @Test
    void nulCharacterInOversizedContentIsSchemaViolationFirst() {
        assertRejected(decodeWithContent(3, "abc\u0000def"), SCHEMA_VIOLATION, "content holds U+0000");
    }

    @Test
    void badMetadataInOversizedEventIsSchemaViolationFirst() {
        ObjectNode event = Events.created();
        event.put("content", "too long");
        event.put("metadata", "not an object");
        assertRejected(new MessageWriteDecoder(3).decode(Events.key(), bytes(event)), SCHEMA_VIOLATION, "metadata");
    }

    @Test
    void tooLargeIsDecidedBeforeTheKey() {
        assertRejected(new MessageWriteDecoder(3).decode(null, bytes(Events.created())), TOO_LARGE, "content");
    }

    @Test
    void keyIsCheckedWhenContentFits() {
        assertRejected(new MessageWriteDecoder(5).decode(null, bytes(Events.created())), KEY_MISMATCH, "missing");
    }

    @Test
    void negativeLimitIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new MessageWriteDecoder(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueOverTheEventLimitIsTooLargeBeforeAByteOfItIsRead() {
        byte[] notEvenUtf8 = new byte[101];
        Arrays.fill(notEvenUtf8, (byte) 0xff);
        assertRejected(
                new MessageWriteDecoder(100, 100).decode(null, notEvenUtf8),
                TOO_LARGE,
                "value is 101 bytes, over the event limit of 100");
    }

    @Test
    void aValueOfExactlyTheEventLimitIsDecoded() {
        byte[] event = bytes(Events.created());
        assertThat(new MessageWriteDecoder(1 << 20, event.length)
                        .decode(Events.key(), event)
                        .isValid())
                .isTrue();
        assertRejected(
                new MessageWriteDecoder(1 << 20, event.length - 1).decode(Events.key(), event),
                TOO_LARGE,
                "value is " + event.length + " bytes");
    }

    @Test
    void theDefaultEventLimitIsTwoMebibytes() {
        MessageWriteDecoder decoder = new MessageWriteDecoder();
        assertThat(decoder.exceedsEventLimit(2L << 20)).isFalse();
        assertThat(decoder.exceedsEventLimit((2L << 20) + 1)).isTrue();
    }

    @Test
    void aValueDroppedUnreadForItsSizeGetsTheSameVerdict() {
        MessageWriteDecoder decoder = new MessageWriteDecoder(100, 1000);
        assertRejected(
                decoder.decodeOversized(64L << 20), TOO_LARGE, "value is 67108864 bytes, over the event limit of 1000");
        assertThatThrownBy(() -> decoder.decodeOversized(1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventLimitBelowOneIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new MessageWriteDecoder(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
