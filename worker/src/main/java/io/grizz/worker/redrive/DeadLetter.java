package io.grizz.worker.redrive;

import io.grizz.contracts.DeadLetterHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record of {@code <topic>.dlt}, read for a redrive: where it sits on the dead-letter topic,
 * why it is there, and what to send back. {@link #describe()} never shows the value — it is
 * message content.
 */
final class DeadLetter {

    private final ConsumerRecord<byte[], byte[]> record;

    DeadLetter(ConsumerRecord<byte[], byte[]> record) {
        this.record = record;
    }

    int partition() {
        return record.partition();
    }

    long offset() {
        return record.offset();
    }

    /** The {@code dlt-reason} code, or {@code ""} for a record some other tool put on the DLT. */
    String reason() {
        return DeadLetterHeaders.text(this::lastHeader, DeadLetterHeaders.REASON)
                .orElse("");
    }

    String detail() {
        return DeadLetterHeaders.text(this::lastHeader, DeadLetterHeaders.DETAIL)
                .orElse("");
    }

    Optional<String> originalTopic() {
        return DeadLetterHeaders.text(this::lastHeader, DeadLetterHeaders.ORIGINAL_TOPIC);
    }

    /** The partition the record came from (spring-kafka's 4-byte header), when the header is there. */
    Optional<Integer> originalPartition() {
        return DeadLetterHeaders.originalPartition(this::lastHeader);
    }

    /**
     * True when the worker sent it without its value (or key) because the dead-letter topic refused it whole:
     * what is left cannot be applied, so a redrive leaves it where it is.
     */
    boolean omitted() {
        return DeadLetterHeaders.omitted(this::lastHeader);
    }

    byte[] key() {
        return record.key();
    }

    byte[] value() {
        return record.value();
    }

    /**
     * The headers the record had on the source topic: everything except the dead-letter ones, so
     * that a record which fails again is dead-lettered with fresh headers, not with two
     * {@code dlt-reason}s of which a reader would pick the stale one.
     */
    Headers replayHeaders() {
        RecordHeaders kept = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!DeadLetterHeaders.isDeadLetterHeader(header.key())) {
                kept.add(header);
            }
        }
        return kept;
    }

    /** One line for the operator: position, reason, detail and key — never the value. */
    String describe() {
        return "partition=" + partition() + " offset=" + offset() + " reason=" + printable(reason()) + " key="
                + printableKey(key()) + " detail=\"" + printable(detail()) + "\"";
    }

    /** A key as text when it is UTF-8 without control characters (a conversation id is), else as hex. */
    static String printableKey(byte[] key) {
        if (key == null) {
            return "null";
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key))
                    .toString();
            if (text.codePoints().noneMatch(Character::isISOControl) && !text.contains("\"")) {
                return text;
            }
        } catch (CharacterCodingException e) {
            // not text: shown as hex below
        }
        return "0x" + HexFormat.of().formatHex(key);
    }

    /** One line stays one line, whatever a header holds. */
    private static String printable(String text) {
        return text.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .replace("\"", "'");
    }

    private byte[] lastHeader(String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }
}
