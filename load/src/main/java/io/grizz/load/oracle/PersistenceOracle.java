package io.grizz.load.oracle;

import io.grizz.load.stack.Database;
import io.grizz.load.stack.StatementTimes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

/**
 * Reads the stored rows of a run's messages from PostgreSQL and hands them to {@link Observations}: primary-key
 * lookups in chunks, only for messages not yet seen at their final write.
 */
public final class PersistenceOracle {

    // marked, so that the database's time by statement (StatementTimes) leaves the harness's own reads out
    static final String SELECT_ROWS = StatementTimes.HARNESS_MARK + ": oracle */ " + """
            SELECT id, revision, deleted_at IS NOT NULL, persisted_at, metadata ->> 'seq'
              FROM messages
             WHERE id = ANY (?)""";

    /** Large enough to be few round trips, small enough that one lookup never holds a long snapshot. */
    private static final int CHUNK = 10_000;

    private final Database database;

    public PersistenceOracle(Database database) {
        this.database = database;
    }

    /** Looks at every pending message once; returns how many are still not visible at their final write. */
    public int check(Observations observations) throws SQLException {
        int[] pending = observations.pending();
        int stillPending = 0;
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement(SELECT_ROWS)) {
            for (int from = 0; from < pending.length; from += CHUNK) {
                int[] chunk = Arrays.copyOfRange(pending, from, Math.min(pending.length, from + CHUNK));
                stillPending += checkChunk(connection, select, observations, chunk);
            }
        }
        return stillPending;
    }

    private static int checkChunk(
            Connection connection, PreparedStatement select, Observations observations, int[] chunk)
            throws SQLException {
        UUID[] ids = new UUID[chunk.length];
        for (int i = 0; i < chunk.length; i++) {
            ids[i] = observations.expected().messageId(chunk[i]);
        }
        select.setArray(1, connection.createArrayOf("uuid", ids));
        int visible = 0;
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                int message = observations.expected().indexOf(rows.getObject(1, UUID.class));
                if (message >= 0
                        && observations.observe(
                                message,
                                rows.getInt(2),
                                rows.getBoolean(3),
                                epochMicros(rows.getObject(4, OffsetDateTime.class)),
                                seq(rows.getString(5)))) {
                    visible++;
                }
            }
        }
        return chunk.length - visible;
    }

    private static long epochMicros(OffsetDateTime time) {
        return time.toEpochSecond() * 1_000_000L + time.getNano() / 1_000;
    }

    private static long seq(String text) {
        if (text == null) {
            return -1;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }
}
