package io.grizz.worker.batch;

import io.grizz.contracts.DecodeResult;
import io.grizz.contracts.MessageWriteDecoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One poll's records on their way through the worker, in arrival order. Each {@link Entry}
 * carries its record, its decoded event or its rejection, and its {@link Fate}: the listener
 * builds the batch, the store settles the pending entries, and the dead-letter and
 * announcement publishers read the settled ones. Nothing travels beside it in parallel lists.
 */
public final class WriteBatch {

    private final List<Entry> entries;

    private WriteBatch(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Decodes every record: a valid one is pending for the store, any other is a dead letter already
     * (an {@link OmittedValue} among them, on its size alone).
     */
    public static WriteBatch decode(List<ConsumerRecord<byte[], byte[]>> records, MessageWriteDecoder decoder) {
        List<Entry> entries = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            long omitted = OmittedValue.sizeOf(record);
            DecodeResult decoded = omitted == OmittedValue.KEPT
                    ? decoder.decode(record.key(), record.value())
                    : decoder.decodeOversized(omitted);
            entries.add(
                    decoded.isValid()
                            ? Entry.valid(record, decoded.event())
                            : Entry.rejected(record, decoded.rejection()));
        }
        return new WriteBatch(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entries the store writes: those holding a valid event, in arrival order. */
    public List<Entry> toWrite() {
        return entries.stream().filter(entry -> entry.event() != null).toList();
    }

    /** The entries for the dead-letter topic, in arrival order. */
    public List<Entry> deadLetters() {
        return entries.stream()
                .filter(entry -> entry.fate() == Fate.DEAD_LETTER)
                .toList();
    }

    /** The entries for the persisted topic, in arrival order (so a conversation's stay in order). */
    public List<Entry> announcements() {
        return entries.stream().filter(Entry::announces).toList();
    }

    public int size() {
        return entries.size();
    }

    public long count(Fate fate) {
        return entries.stream().filter(entry -> entry.fate() == fate).count();
    }

    @Override
    public String toString() {
        return "WriteBatch[records=" + size() + " applied=" + count(Fate.APPLIED) + " noop="
                + (count(Fate.NOOP) + count(Fate.REPLAYED)) + " dead_letters=" + count(Fate.DEAD_LETTER)
                + " pending=" + count(Fate.PENDING) + "]";
    }
}
