package io.grizz.worker.config;

import java.util.Locale;

/**
 * What sits between the worker and PostgreSQL ({@code DATABASE_POOLER_MODE}).
 *
 * <p>Only {@link #TRANSACTION} changes anything: a transaction-mode pooler (PgBouncer before
 * 1.21) hands each transaction to whichever server connection is free, so a statement prepared
 * on one is missing on the next ({@code prepared statement "S_1" does not exist}). In that mode
 * pgjdbc is told never to prepare on the server.
 */
public enum PoolerMode {
    SESSION,
    TRANSACTION,
    NONE;

    /** {@code DATABASE_POOLER_MODE} when it is not set. */
    public static final String DEFAULT = "session";

    /**
     * The mode a setting names, in any letter case.
     *
     * @throws IllegalArgumentException when it is not one of session, transaction, none
     */
    public static PoolerMode of(String setting) {
        return valueOf(setting.trim().toUpperCase(Locale.ROOT));
    }
}
