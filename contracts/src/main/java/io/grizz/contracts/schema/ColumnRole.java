package io.grizz.contracts.schema;

/**
 * What a column is to the code that writes and reads it. The statements that list columns by role are derived
 * from these flags, so a new column is given its roles here once instead of being added to each list by hand.
 */
public enum ColumnRole {
    /** Written by the write path's insert (and its {@code COPY}) from a value of the event. */
    INSERTED,
    /** Overwritten by the write path's upsert with the incoming row's value: {@code name = excluded.name}. */
    UPSERTED,
    /**
     * Set by the upsert to the transaction's {@code now()}, as the column's default sets it on insert
     * ({@code messages.persisted_at}): never a value of the event.
     */
    STAMPED,
    /** Selected by the read API and shown in its answers. */
    READ_BY_API
}
