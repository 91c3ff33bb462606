package io.grizz.worker.store;

/** What the fold made of one event of a batch. */
public enum Outcome {
    /** Its state is written to the database. */
    APPLIED,
    /** It changes nothing: duplicate, stale, after a delete, or absorbed by a later event of the same batch. */
    NOOP,
    /**
     * It changes nothing because the stored row already holds its state (same revision, same
     * deleted-ness): an earlier delivery wrote it. A no-op that is announced again.
     */
    REPLAYED,
    /** Its user does not own the conversation, or its message belongs to another conversation. */
    OWNER_MISMATCH
}
