package io.grizz.load.stack;

import java.util.function.DoubleSupplier;

/**
 * The database servers a baseline ({@code ceiling}, {@code direct}) writes to, whichever they are: the local stack,
 * started for the run and stopped on {@link #close()}, or the servers the environment names, which the harness
 * neither starts nor stops. Opened by {@code StackOptions.openServers()}, so a command holds one way to run and no
 * branch on where its servers are.
 */
public interface Servers extends AutoCloseable {

    /** The stack line of the report. */
    String description();

    /**
     * Database {@code name} with the worker's tables, reached straight (no pooler): a fresh one migrated for the run
     * on the local stack, the environment's own ({@code DATABASE_URL}, already migrated by its worker) otherwise.
     */
    Database migratedDatabase(String name);

    /** The same database as clients reach it: through PgBouncer on the local stack, {@code DATABASE_URL} otherwise. */
    Database throughPooler(String name);

    /** False when the local stack has no PgBouncer and {@link #throughPooler} is PostgreSQL itself. */
    boolean hasPooler();

    /** PostgreSQL's CPU seconds so far, its backends included; NaN when they cannot be read (external servers). */
    DoubleSupplier databaseCpuSeconds();

    /** Stops what the harness started; nothing for external servers. */
    @Override
    void close();
}
