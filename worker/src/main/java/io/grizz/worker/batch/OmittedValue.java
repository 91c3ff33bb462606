package io.grizz.worker.batch;

import io.grizz.contracts.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A record value the consumer did not keep, because it is over the event limit: holding it would
 * cost its decoded size in heap for a record whose only fate is {@code too_large}.
 *
 * <p>In its place the record holds one shared empty array, recognised by identity, so that no
 * producer can forge it; its original size goes into the record's {@code dlt-value-omitted}
 * header, the header a dead letter sent without its value carries. The record's dead letter is
 * then what the contract asks of a value the dead-letter topic cannot take: the key, an empty
 * value, and that header with the original size.
 */
public final class OmittedValue {

    /** Not {@code byte[0]} in general: this one instance. */
    private static final byte[] MARKER = new byte[0];

    /** Not a size: the record holds its value. */
    public static final long KEPT = -1;

    private OmittedValue() {}

    /** Records that the value of {@code size} bytes was dropped; returns what the record holds instead. */
    public static byte[] mark(Headers headers, long size) {
        // a producer's header of the same name would otherwise be read as the size
        headers.remove(DeadLetterHeaders.VALUE_OMITTED);
        headers.add(DeadLetterHeaders.VALUE_OMITTED, DeadLetterHeaders.size(size));
        return MARKER;
    }

    /** The size of the value the consumer dropped, or {@link #KEPT} when the record holds its value. */
    public static long sizeOf(ConsumerRecord<?, byte[]> record) {
        if (record.value() != MARKER) {
            return KEPT;
        }
        Header size = record.headers().lastHeader(DeadLetterHeaders.VALUE_OMITTED);
        return Long.parseLong(new String(size.value(), StandardCharsets.UTF_8));
    }
}
