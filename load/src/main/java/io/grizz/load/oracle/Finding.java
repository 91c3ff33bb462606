package io.grizz.load.oracle;

import java.util.UUID;

/**
 * One message whose final write is not visible as sent.
 *
 * @param seq              the sequence number of the final write that should be visible
 * @param expectedRevision its revision
 * @param visibleRevision  the revision stored, or -1 when there is no row
 * @param visibleSeq       the sequence number in the stored row's metadata, or -1 when unknown (no row, a
 *                         tombstone, or an event without the harness's tag)
 */
public record Finding(
        long seq,
        UUID messageId,
        int expectedRevision,
        boolean expectedDeleted,
        int visibleRevision,
        long visibleSeq) {}
