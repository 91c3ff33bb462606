package io.grizz.worker.api.replica;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One look at the read database's replay position, all read in one statement so the parts agree.
 *
 * @param inRecovery    a standby ({@code pg_is_in_recovery()}); false on a primary
 * @param receiving     its WAL receiver is running, i.e. it is connected to a primary
 * @param caughtUp      it has replayed all WAL it has received ({@code pg_last_wal_receive_lsn()} ≤
 *                      {@code pg_last_wal_replay_lsn()}): nothing to replay
 * @param replayAge     seconds since the commit of the last transaction it replayed was made on the primary; null
 *                      before it has replayed any
 * @param at            the database's clock, in epoch seconds, so that all times of a sample come from one clock
 */
record ReplaySample(boolean inRecovery, boolean receiving, boolean caughtUp, Double replayAge, double at) {

    /**
     * Readable by any user (the read API's needs no privilege): a non-superuser sees the row of
     * {@code pg_stat_wal_receiver} with its {@code status} null, hence the {@code coalesce}.
     */
    static final String QUERY = """
            SELECT pg_is_in_recovery() AS in_recovery,
                   EXISTS (SELECT 1 FROM pg_stat_wal_receiver
                            WHERE coalesce(status, 'streaming') = 'streaming') AS receiving,
                   coalesce(pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn(), false) AS caught_up,
                   extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8 AS replay_age,
                   extract(epoch FROM clock_timestamp())::float8 AS at""";

    static ReplaySample read(ResultSet rs, int row) throws SQLException {
        double replayAge = rs.getDouble("replay_age");
        boolean replayed = !rs.wasNull();
        return new ReplaySample(
                rs.getBoolean("in_recovery"),
                rs.getBoolean("receiving"),
                rs.getBoolean("caught_up"),
                replayed ? replayAge : null,
                rs.getDouble("at"));
    }
}
