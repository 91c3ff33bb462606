/**
 * Where the read API reads, seen from replication: how far the read database is behind its primary
 * ({@code grizz_read_replica_lag_seconds}, readiness {@code readReplica}), and the wait that gives a consumer of the
 * announcements read-your-writes on a replica ({@code min_revision}, docs/read-api.md).
 */
package io.grizz.worker.api.replica;
