package io.grizz.worker.batch;

import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.Rejection;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of a {@link WriteBatch}: the record as consumed, its decoded event (or why it has
 * none), and its {@link Fate}. The listener creates it, the store settles it, the dead-letter
 * and announcement publishers read it.
 *
 * <p>The store may settle an entry several times (a batch retried after a race or redone one
 * event at a time); the last settlement is the one that committed.
 */
public final class Entry {

    private final ConsumerRecord<byte[], byte[]> record;
    private final MessageWrite event;
    private Fate fate;
    private Rejection rejection;
    private Instant persistedAt;

    private Entry(ConsumerRecord<byte[], byte[]> record, MessageWrite event, Rejection rejection) {
        this.record = record;
        this.event = event;
        this.rejection = rejection;
        this.fate = event == null ? Fate.DEAD_LETTER : Fate.PENDING;
    }

    static Entry valid(ConsumerRecord<byte[], byte[]> record, MessageWrite event) {
        return new Entry(record, Objects.requireNonNull(event, "event"), null);
    }

    static Entry rejected(ConsumerRecord<byte[], byte[]> record, Rejection rejection) {
        return new Entry(record, null, Objects.requireNonNull(rejection, "rejection"));
    }

    /** Written, in the transaction whose {@code now()} is {@code persistedAt}. */
    public void applied(Instant persistedAt) {
        settle(Fate.APPLIED, null, Objects.requireNonNull(persistedAt, "persistedAt"));
    }

    public void noop() {
        settle(Fate.NOOP, null, null);
    }

    /** A no-op whose state is the stored one, persisted at {@code persistedAt} by an earlier delivery. */
    public void replayed(Instant persistedAt) {
        settle(Fate.REPLAYED, null, Objects.requireNonNull(persistedAt, "persistedAt"));
    }

    /** The store refuses it for good (owner mismatch, a value the database cannot take). */
    public void reject(Rejection rejection) {
        settle(Fate.DEAD_LETTER, Objects.requireNonNull(rejection, "rejection"), null);
    }

    private void settle(Fate fate, Rejection rejection, Instant persistedAt) {
        if (event == null) {
            throw new IllegalStateException("a record the decoder rejected is not the store's to settle");
        }
        this.fate = fate;
        this.rejection = rejection;
        this.persistedAt = persistedAt;
    }

    public ConsumerRecord<byte[], byte[]> record() {
        return record;
    }

    /** The decoded event; null when the decoder rejected the record. */
    public MessageWrite event() {
        return event;
    }

    public Fate fate() {
        return fate;
    }

    /** Why it goes to the dead-letter topic; null unless {@link #fate()} is {@link Fate#DEAD_LETTER}. */
    public Rejection rejection() {
        return rejection;
    }

    /** When the row announced for it was persisted; null unless it is announced. */
    public Instant persistedAt() {
        return persistedAt;
    }

    /** Announced on the persisted topic: applied now, or applied by an earlier delivery. */
    public boolean announces() {
        return fate == Fate.APPLIED || fate == Fate.REPLAYED;
    }

    @Override
    public String toString() {
        return "Entry[" + record.topic() + "-" + record.partition() + "@" + record.offset() + " " + fate
                + (rejection == null ? "" : " " + rejection.reason().code()) + "]";
    }
}
