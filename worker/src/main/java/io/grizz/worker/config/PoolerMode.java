package io.grizz.worker.config;

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
    NONE
}
