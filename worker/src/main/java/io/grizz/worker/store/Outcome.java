package io.grizz.worker.store;

/** What became of one event of a batch. */
public enum Outcome {
    /** Its state was written to the database. */
    APPLIED,
    /** It changed nothing: duplicate, stale, after a delete, or absorbed by a later event of the same batch. */
    NOOP,
    /** Its user does not own the conversation, or its message belongs to another conversation. */
    OWNER_MISMATCH,
    /** The database refused this one event for good (SQLState class 22 or 23). */
    REJECTED_BY_DATABASE
}
