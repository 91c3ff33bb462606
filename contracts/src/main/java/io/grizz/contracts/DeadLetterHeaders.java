package io.grizz.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The headers of a dead letter (docs/contract.md §4): their names, and their values written and read one way, by
 * the worker that dead-letters, the redrive that reads them back and the tests. Over plain functions rather than
 * Kafka's {@code Headers}, so that this module needs no Kafka client: write with {@code headers::add}, read with
 * the last header of a name ({@code name -> lastHeader(name).value()}, null when absent).
 *
 * <p>The origin headers follow spring-kafka's names and encodings ({@code kafka_dlt-original-*}, partition as 4
 * bytes, offset and timestamp as 8, big-endian), so tools that know spring-kafka's dead letters read ours; the
 * worker's own are {@code dlt-*}, UTF-8 text.
 */
public final class DeadLetterHeaders {

    /** The record's {@link RejectionReason#code()}. */
    public static final String REASON = "dlt-reason";

    /** Which field or input was wrong. */
    public static final String DETAIL = "dlt-detail";

    /** On a dead letter sent without its value: the original value's size in bytes. */
    public static final String VALUE_OMITTED = "dlt-value-omitted";

    /**
     * On a dead letter sent without its key, value and the record's own headers, since even without its value it
     * was too large: the original key's size in bytes.
     */
    public static final String KEY_OMITTED = "dlt-key-omitted";

    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    public static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
    public static final String ORIGINAL_TIMESTAMP_TYPE = "kafka_dlt-original-timestamp-type";
    public static final String ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    public static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

    /** spring-kafka's prefix and the worker's: every header a dead letter gains on its way to the DLT. */
    private static final String[] PREFIXES = {"kafka_dlt-", "dlt-"};

    private DeadLetterHeaders() {}

    /** Where the record was: its topic, partition, offset and timestamp, and the group that read it. */
    public record Origin(
            String topic, int partition, long offset, long timestamp, String timestampType, String consumerGroup) {}

    /**
     * Adds the origin, the exception headers ({@code exceptionClass}, reason and detail in its message) and the
     * reason and detail.
     */
    public static void write(
            BiConsumer<String, byte[]> add, Origin origin, String exceptionClass, Rejection rejection) {
        add.accept(ORIGINAL_TOPIC, utf8(origin.topic()));
        add.accept(
                ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(origin.partition()).array());
        add.accept(
                ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(origin.offset()).array());
        add.accept(
                ORIGINAL_TIMESTAMP,
                ByteBuffer.allocate(Long.BYTES).putLong(origin.timestamp()).array());
        add.accept(ORIGINAL_TIMESTAMP_TYPE, utf8(origin.timestampType()));
        add.accept(ORIGINAL_CONSUMER_GROUP, utf8(origin.consumerGroup()));
        add.accept(EXCEPTION_FQCN, utf8(exceptionClass));
        add.accept(EXCEPTION_MESSAGE, utf8(rejection.reason().code() + ": " + rejection.detail()));
        add.accept(REASON, utf8(rejection.reason().code()));
        add.accept(DETAIL, utf8(rejection.detail()));
    }

    /** A size header's value ({@link #VALUE_OMITTED}, {@link #KEY_OMITTED}). */
    public static byte[] size(long bytes) {
        return utf8(Long.toString(bytes));
    }

    /** The value of a size header, or empty when it is absent or not a number. */
    public static OptionalLong size(Function<String, byte[]> lastHeader, String name) {
        byte[] value = lastHeader.apply(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(new String(value, StandardCharsets.UTF_8)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A text header's value, decoded as UTF-8, when it is there. */
    public static Optional<String> text(Function<String, byte[]> lastHeader, String name) {
        byte[] value = lastHeader.apply(name);
        return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    /** The partition the record came from, when the header is there and 4 bytes long. */
    public static Optional<Integer> originalPartition(Function<String, byte[]> lastHeader) {
        byte[] value = lastHeader.apply(ORIGINAL_PARTITION);
        return value == null || value.length != Integer.BYTES
                ? Optional.empty()
                : Optional.of(ByteBuffer.wrap(value).getInt());
    }

    /** Whether the dead letter lost bytes of the original record (value or key): it can no longer be applied. */
    public static boolean omitted(Function<String, byte[]> lastHeader) {
        return lastHeader.apply(VALUE_OMITTED) != null || lastHeader.apply(KEY_OMITTED) != null;
    }

    /** Whether {@code name} is a header a record gains on its way to the DLT (dropped again on a redrive). */
    public static boolean isDeadLetterHeader(String name) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
