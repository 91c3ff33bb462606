package io.grizz.worker.ingest;

import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.worker.batch.OmittedValue;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The ingest consumer's value deserializer: a batch holds at most the configured number of decoded
 * bytes (docs/contract.md §3), whatever the records' compression ratio, and no value over the event
 * limit at all.
 *
 * <ul>
 * <li>A value over the event limit is not copied: the record holds an {@link OmittedValue} instead,
 * and the decoder rejects it as {@code too_large} on its size.</li>
 * <li>A value that would take the poll past its {@link DecodedBytesBudget} ends the poll: this
 * throws, and Kafka's consumer returns the records before it, keeps this one, and deserializes it
 * again, first, in the next poll (its position stays on it, so a seek, a rebalance or a restart
 * finds it too). Nothing is re-fetched or decompressed again, and the listener commits only what it
 * was handed.</li>
 * </ul>
 *
 * <p>The consumer logs a line at ERROR ("Value Deserializers with error") each time; the
 * {@code CompletedFetch} logger is off for that reason in application.yml.
 */
final class BoundedValueDeserializer implements Deserializer<byte[]> {

    private final MessageWriteDecoder decoder;
    private final long batchBudget;

    /** @param batchBudget the most decoded value bytes one poll hands on (after its first record) */
    BoundedValueDeserializer(MessageWriteDecoder decoder, long batchBudget) {
        if (batchBudget < 1) {
            throw new IllegalArgumentException("batchBudget must be at least 1, was " + batchBudget);
        }
        this.decoder = decoder;
        this.batchBudget = batchBudget;
    }

    @Override
    public byte[] deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        int size = data.remaining();
        if (decoder.exceedsEventLimit(size)) {
            return OmittedValue.mark(headers, size);
        }
        if (!DecodedBytesBudget.ofThisThread().take(size, batchBudget)) {
            throw new BatchFull(size, batchBudget);
        }
        byte[] value = new byte[size];
        data.duplicate().get(value);
        return value;
    }

    @Override
    public byte[] deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, headers, data == null ? null : ByteBuffer.wrap(data));
    }

    @Override
    public byte[] deserialize(String topic, byte[] data) {
        return deserialize(topic, new RecordHeaders(), data);
    }

    /** Not a failure: the poll is full, and this record opens the next one. */
    static final class BatchFull extends SerializationException {

        BatchFull(int size, long budget) {
            super("a value of " + size + " bytes waits for the next poll: this one holds its budget of " + budget
                    + " decoded bytes");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
