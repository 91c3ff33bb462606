package io.grizz.worker.store;

import io.grizz.contracts.Rejection;
import io.grizz.worker.batch.Entry;
import io.grizz.worker.batch.Fate;
import java.util.Objects;

/**
 * What the fold made of one entry of a batch, held beside the entry itself: its {@link Fate}, and for a
 * {@link Fate#DEAD_LETTER} why. The store settles the entry with it once the batch's rows are written.
 *
 * @param rejection why the entry is a dead letter; null for every other fate
 */
public record Verdict(Entry entry, Fate fate, Rejection rejection) {

    public Verdict {
        Objects.requireNonNull(entry, "entry");
        if (fate == Fate.PENDING) {
            throw new IllegalArgumentException("the fold decides every entry it is given");
        }
        if ((fate == Fate.DEAD_LETTER) != (rejection != null)) {
            throw new IllegalArgumentException("a rejection goes with a dead letter, and only with one");
        }
    }

    static Verdict of(Entry entry, Fate fate) {
        return new Verdict(entry, fate, null);
    }

    static Verdict rejected(Entry entry, Rejection rejection) {
        return new Verdict(entry, Fate.DEAD_LETTER, Objects.requireNonNull(rejection, "rejection"));
    }
}
