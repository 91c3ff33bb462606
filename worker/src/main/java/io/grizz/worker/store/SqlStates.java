package io.grizz.worker.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Sorts database failures by what the worker should do about them, by SQLState.
 *
 * <p>Classes 22 (data exception) and 23 (integrity constraint violation) are a verdict on the
 * data: retrying the same rows gives the same answer, so the one record is isolated and
 * dead-lettered. Everything else — connection loss, shutdown, too many connections, serialization
 * failures, deadlocks, and whatever we cannot classify — is a reason to retry the batch, never to
 * dead-letter a valid record.
 */
public final class SqlStates {

    /** Raised by PostgreSQL in repeatable read and above, and by the write path itself ({@link LostRace}). */
    public static final String SERIALIZATION_FAILURE = "40001";

    public static final String DEADLOCK_DETECTED = "40P01";
    public static final String UNIQUE_VIOLATION = "23505";
    /** Also what the race retry raises when interrupted while it waits, as a cancelled statement would. */
    public static final String QUERY_CANCELED = "57014";

    private static final Set<String> TRANSIENT = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now
            "53300", // too_many_connections
            SERIALIZATION_FAILURE,
            DEADLOCK_DETECTED);

    private SqlStates() {}

    /** The SQLState of the first SQLException in the cause chain that has one, or null. */
    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** The database refuses the data itself: isolate the record, dead-letter it. */
    public static boolean isRecordError(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /**
     * Known to pass on its own: connection failures, restarts, overload, serialization, deadlock,
     * and the pool's own "no connection within the timeout" (a {@link SQLTransientException}).
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        String state = sqlState(failure);
        return state != null && (state.startsWith("08") || TRANSIENT.contains(state));
    }
}
