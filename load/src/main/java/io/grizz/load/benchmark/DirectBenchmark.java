package io.grizz.load.benchmark;

import io.grizz.contracts.schema.SqlType;
import io.grizz.load.measure.LatencyRecorder;
import io.grizz.load.measure.LatencySummary;
import io.grizz.load.measure.ProgressBar;
import io.grizz.load.stack.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The report's own pattern, for comparison: many concurrent clients, each write a single-row {@code INSERT} in its
 * own transaction on a connection opened for it and closed after it, through PgBouncer in session mode. Every row
 * pays a connection handshake, a parse and a durable commit of its own; that is what the worker's batching removes.
 */
public final class DirectBenchmark {

    static final String TABLE = "load_direct_messages";

    /**
     * @param failed  inserts that failed (e.g. the pooler refused the connection); not counted as rows
     * @param latency per insert: connect, insert, commit, close
     */
    public record Result(long rows, long failed, double seconds, LatencySummary latency, String firstFailure) {
        public double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private DirectBenchmark() {}

    /**
     * @param rows    how many rows of {@code source}, from the first: at a few thousand rows per second a whole
     *                drain-sized workload would take many minutes, and the rate does not depend on the count
     * @param schema  where the scratch table is created (PostgreSQL itself)
     * @param clients the connection the clients use (PgBouncer)
     */
    public static Result run(
            Database schema, Database clients, MessageRows source, int rows, int concurrency, ProgressBar progress)
            throws SQLException, InterruptedException {
        int total = Math.min(rows, source.count());
        try (ScratchTable table = ScratchTable.create(schema, TABLE)) {
            schema.checkpoint();
            String insert = table.insertOneRow();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicReference<String> firstFailure = new AtomicReference<>();
            LatencyRecorder[] latencies = new LatencyRecorder[concurrency];
            List<Thread> threads = new ArrayList<>();
            long started = System.nanoTime();
            for (int c = 0; c < concurrency; c++) {
                LatencyRecorder latency = latencies[c] = new LatencyRecorder();
                Thread thread = new Thread(
                        () -> {
                            for (int m = next.getAndIncrement(); m < total; m = next.getAndIncrement()) {
                                long begin = System.nanoTime();
                                try {
                                    insertOne(clients, insert, source.row(m));
                                    latency.record((System.nanoTime() - begin) / 1_000);
                                    progress.advance(1);
                                } catch (SQLException e) {
                                    failed.incrementAndGet();
                                    firstFailure.compareAndSet(null, e.getMessage());
                                }
                            }
                        },
                        "grizz-load-direct-" + c);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            LatencyRecorder all = new LatencyRecorder();
            for (LatencyRecorder latency : latencies) {
                all.add(latency);
            }
            return new Result(
                    table.rowCount(), failed.get(), seconds, all.summary("direct insert"), firstFailure.get());
        }
    }

    private static void insertOne(Database clients, String insert, Object[] row) throws SQLException {
        try (Connection connection = clients.connect();
                PreparedStatement statement = connection.prepareStatement(insert)) {
            for (int c = 0; c < row.length; c++) {
                bind(statement, c + 1, MessageRows.COLUMNS.get(c).type(), row[c]);
            }
            statement.executeUpdate();
        }
    }

    /** A value of a column of the model's {@code type}, as pgjdbc binds it: uuid, varchar, int4, timestamptz. */
    private static void bind(PreparedStatement statement, int index, SqlType type, Object value) throws SQLException {
        switch (type) {
            case UUID -> {
                if (value == null) {
                    statement.setNull(index, Types.OTHER);
                } else {
                    statement.setObject(index, value);
                }
            }
            case TEXT, JSONB -> statement.setString(index, (String) value);
            case INTEGER -> statement.setObject(index, value, Types.INTEGER);
            case TIMESTAMPTZ -> {
                if (value == null) {
                    statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    statement.setObject(index, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
                }
            }
        }
    }
}
