package io.grizz.worker.batch;

/** What became of one record of a batch: every record ends in exactly one of the last four. */
public enum Fate {
    /** Decoded and valid, not yet written: the store decides. */
    PENDING,
    /** Its state was written to the database. */
    APPLIED,
    /** It changed nothing: duplicate, stale, after a delete, or absorbed by a later event of the same batch. */
    NOOP,
    /**
     * It changed nothing because the stored state is its own, written by an earlier delivery of
     * the same record (a redelivery after a crash, a retried batch). A no-op that is announced again:
     * the earlier delivery may have died between its commit and its announcement.
     */
    REPLAYED,
    /** It can never be applied: it goes to the dead-letter topic with its {@link Entry#rejection()}. */
    DEAD_LETTER
}
