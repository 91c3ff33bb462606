package io.grizz.worker.api.replica;

/**
 * How far behind its primary the read database is, in seconds, from successive {@link ReplaySample}s: 0 on a primary
 * and on a standby with nothing left to replay.
 *
 * <p>The usual {@code now() - pg_last_xact_replay_timestamp()} alone is wrong twice: on an idle primary that
 * timestamp stops moving, so it reports a lag that grows while the standby is perfectly current; and at the first
 * write after an idle hour it reports an hour for a moment. Two upper bounds of the true lag (the age of the oldest
 * write the standby does not show yet) are taken instead, and the smaller one reported:
 * <ul>
 * <li>the age of the last replayed commit: every write not yet shown was committed after it;</li>
 * <li>the time since this standby was last seen connected with nothing to replay: every write committed before that
 *     was shown then.</li>
 * </ul>
 * Replay paused or too slow while writes arrive: both grow, and so does the lag. Cut off from the primary: the
 * standby cannot know what it misses, so the lag grows from the moment it was last known current — an unknown lag is
 * not reported as none.
 */
final class ReplicaLag {

    private double caughtUpAt = Double.NaN;
    private double behindSince = Double.NaN;

    /** The lag at {@code sample}, which must come after every sample this was given before. */
    double next(ReplaySample sample) {
        if (!sample.inRecovery()) {
            caughtUpAt = sample.at();
            behindSince = Double.NaN;
            return 0;
        }
        if (sample.receiving() && sample.caughtUp()) {
            caughtUpAt = sample.at();
            behindSince = Double.NaN;
            return 0;
        }
        if (Double.isNaN(behindSince)) {
            behindSince = sample.at();
        }
        double lag = Double.POSITIVE_INFINITY;
        if (sample.replayAge() != null) {
            lag = Math.max(0, sample.replayAge());
        }
        if (!Double.isNaN(caughtUpAt)) {
            lag = Math.min(lag, sample.at() - caughtUpAt);
        }
        // never seen current and nothing replayed yet: the best known is how long it has been seen behind
        return Double.isInfinite(lag) ? sample.at() - behindSince : lag;
    }
}
