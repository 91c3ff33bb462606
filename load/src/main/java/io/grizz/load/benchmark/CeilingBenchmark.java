package io.grizz.load.benchmark;

import io.grizz.load.measure.ProgressBar;
import io.grizz.load.stack.Database;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.DoubleSupplier;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * PostgreSQL's own limit on this machine: the rows of a workload streamed with {@code COPY} over one connection into
 * a fresh table shaped like {@code messages}, in one transaction, straight to PostgreSQL (no pooler). Timed from the
 * start of the {@code COPY} to its durable commit; formatting the rows is part of the time, as decoding them is part
 * of the worker's.
 */
public final class CeilingBenchmark {

    static final String TABLE = "load_ceiling_messages";

    /**
     * @param seconds           from the start of the {@code COPY} to its commit
     * @param databaseCpuSeconds CPU the database's processes used meanwhile; NaN when they cannot be read (an
     *                           external stack)
     */
    public record Result(long rows, double seconds, double databaseCpuSeconds) {
        public double rowsPerSecond() {
            return rows / seconds;
        }

        /** The database's CPU per row copied, in µs: what the worker's write path is held against. */
        public double databaseMicrosPerRow() {
            return databaseCpuSeconds * 1e6 / rows;
        }
    }

    private CeilingBenchmark() {}

    /** @param databaseCpuSeconds the database's processes' CPU time so far, or NaN when it cannot be read */
    public static Result run(
            Database database, MessageRows rows, ProgressBar progress, DoubleSupplier databaseCpuSeconds)
            throws SQLException {
        try (ScratchTable table = ScratchTable.create(database, TABLE)) {
            database.checkpoint();
            long started;
            long finished;
            double cpuBefore;
            double cpuAfter;
            try (Connection connection = database.connect()) {
                cpuBefore = databaseCpuSeconds.getAsDouble();
                started = System.nanoTime();
                copy(connection, table.name(), rows, progress);
                finished = System.nanoTime();
                cpuAfter = databaseCpuSeconds.getAsDouble();
            }
            long stored = table.rowCount();
            if (stored != rows.count()) {
                throw new IllegalStateException("COPY stored " + stored + " rows of " + rows.count());
            }
            return new Result(stored, (finished - started) / 1e9, cpuAfter - cpuBefore);
        }
    }

    private static void copy(Connection connection, String table, MessageRows rows, ProgressBar progress)
            throws SQLException {
        String sql = "COPY " + table + " (" + ScratchTable.COLUMNS + ") FROM STDIN (FORMAT text)";
        CopyText text = new CopyText();
        StringBuilder line = new StringBuilder(1024);
        try (Writer out = new BufferedWriter(
                new OutputStreamWriter(
                        new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, 1 << 16),
                        StandardCharsets.UTF_8),
                1 << 16)) {
            for (int m = 0; m < rows.count(); m++) {
                line.setLength(0);
                text.append(line, rows.row(m));
                out.append(line);
                progress.advance(1);
            }
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), e);
        }
    }
}
