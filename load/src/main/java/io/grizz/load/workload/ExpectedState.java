package io.grizz.load.workload;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the database must hold once every event of a run is persisted: per message, the revision of its last applied
 * write, whether that write was a delete, and the sequence number of that write. Messages are numbered 0..n-1.
 *
 * <p>Arrays rather than objects per message: a drain of a million messages keeps this in memory next to the report.
 */
public final class ExpectedState {

    private final UUID[] messageIds;
    private final int[] revisions;
    private final boolean[] deleted;
    private final long[] finalSeqs;
    private Map<UUID, Integer> indexById;

    public ExpectedState(UUID[] messageIds, int[] revisions, boolean[] deleted, long[] finalSeqs) {
        int n = messageIds.length;
        if (revisions.length != n || deleted.length != n || finalSeqs.length != n) {
            throw new IllegalArgumentException("one revision, delete flag and sequence number per message");
        }
        this.messageIds = messageIds;
        this.revisions = revisions;
        this.deleted = deleted;
        this.finalSeqs = finalSeqs;
    }

    public int messages() {
        return messageIds.length;
    }

    public UUID messageId(int message) {
        return messageIds[message];
    }

    public int revision(int message) {
        return revisions[message];
    }

    public boolean deleted(int message) {
        return deleted[message];
    }

    /** The sequence number of the event whose state must be visible. */
    public long finalSeq(int message) {
        return finalSeqs[message];
    }

    /** The message number of {@code id}, or -1 if it is not part of this run. */
    public synchronized int indexOf(UUID id) {
        if (indexById == null) {
            indexById = new HashMap<>(messageIds.length * 2);
            for (int i = 0; i < messageIds.length; i++) {
                indexById.put(messageIds[i], i);
            }
        }
        return indexById.getOrDefault(id, -1);
    }
}
