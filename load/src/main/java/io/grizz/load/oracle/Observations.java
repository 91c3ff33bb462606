package io.grizz.load.oracle;

import io.grizz.load.workload.ExpectedState;
import java.util.ArrayList;
import java.util.List;

/**
 * What the oracle has seen of each message so far, against what it must see. A message once visible at its final
 * revision stays so (a revision never goes back), so later checks look only at the others.
 */
public final class Observations {

    private static final byte UNSEEN = 0;
    private static final byte VISIBLE = 1;
    private static final byte STALE = 2;
    private static final byte MISMATCHED = 3;

    private final ExpectedState expected;
    private final byte[] status;
    private final int[] visibleRevision;
    private final long[] visibleSeq;
    private final long[] persistedMicros;

    public Observations(ExpectedState expected) {
        this.expected = expected;
        int n = expected.messages();
        this.status = new byte[n];
        this.visibleRevision = new int[n];
        this.visibleSeq = new long[n];
        this.persistedMicros = new long[n];
    }

    public ExpectedState expected() {
        return expected;
    }

    /** The messages not yet visible at their final write. */
    public int[] pending() {
        int count = 0;
        for (byte s : status) {
            if (s != VISIBLE) {
                count++;
            }
        }
        int[] pending = new int[count];
        int next = 0;
        for (int m = 0; m < status.length; m++) {
            if (status[m] != VISIBLE) {
                pending[next++] = m;
            }
        }
        return pending;
    }

    /**
     * Records the stored row of {@code message}.
     *
     * @param seq the sequence number in the row's metadata, or -1
     * @return whether the row shows the final write
     */
    public boolean observe(int message, int revision, boolean deleted, long persistedAtMicros, long seq) {
        visibleRevision[message] = revision;
        visibleSeq[message] = seq;
        persistedMicros[message] = persistedAtMicros;
        int want = expected.revision(message);
        if (revision == want && deleted == expected.deleted(message)) {
            status[message] = VISIBLE;
        } else if (revision < want) {
            status[message] = STALE;
        } else {
            status[message] = MISMATCHED;
        }
        return status[message] == VISIBLE;
    }

    public boolean visible(int message) {
        return status[message] == VISIBLE;
    }

    /** When the visible row was written ({@code persisted_at}), in epoch microseconds; meaningful when visible. */
    public long persistedMicros(int message) {
        return persistedMicros[message];
    }

    /** The verdict, with up to {@code samplesPerKind} findings of each kind. */
    public Verdict verdict(int samplesPerKind) {
        int visible = 0;
        int lost = 0;
        int stale = 0;
        int mismatched = 0;
        List<Finding> lostSamples = new ArrayList<>();
        List<Finding> staleSamples = new ArrayList<>();
        List<Finding> mismatchedSamples = new ArrayList<>();
        for (int m = 0; m < status.length; m++) {
            switch (status[m]) {
                case VISIBLE -> visible++;
                case UNSEEN -> {
                    lost++;
                    sample(lostSamples, m, samplesPerKind, false);
                }
                case STALE -> {
                    stale++;
                    sample(staleSamples, m, samplesPerKind, true);
                }
                default -> {
                    mismatched++;
                    sample(mismatchedSamples, m, samplesPerKind, true);
                }
            }
        }
        List<Finding> samples = new ArrayList<>(lostSamples);
        samples.addAll(staleSamples);
        samples.addAll(mismatchedSamples);
        return new Verdict(status.length, visible, lost, stale, mismatched, List.copyOf(samples));
    }

    private void sample(List<Finding> samples, int message, int limit, boolean seen) {
        if (samples.size() < limit) {
            samples.add(new Finding(
                    expected.finalSeq(message),
                    expected.messageId(message),
                    expected.revision(message),
                    expected.deleted(message),
                    seen ? visibleRevision[message] : -1,
                    seen ? visibleSeq[message] : -1));
        }
    }
}
