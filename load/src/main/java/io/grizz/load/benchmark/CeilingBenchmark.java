package io.grizz.load.benchmark;

import io.grizz.contracts.schema.BinaryCopyWriter;
import io.grizz.contracts.schema.ColumnModel;
import io.grizz.load.measure.ProgressBar;
import io.grizz.load.stack.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's own limit on this machine: the rows of a workload streamed with binary {@code COPY} (the worker's
 * encoding of them) over one connection into a fresh table shaped like {@code messages}, in one transaction,
 * straight to PostgreSQL (no pooler). Timed from the start of the {@code COPY} to its durable commit; encoding the
 * rows is part of the time, as decoding them is part of the worker's.
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
                copy(connection, table, rows, progress);
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

    /**
     * The rows in binary {@code COPY}, encoded by the worker's own encoder from the schema model's columns: the
     * ceiling and the drain send PostgreSQL the same bytes for the same row, so their ratio compares the writes.
     */
    private static void copy(Connection connection, ScratchTable table, MessageRows rows, ProgressBar progress)
            throws SQLException {
        List<ColumnModel> columns = MessageRows.COLUMNS;
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(table.copyFromStdin());
        try {
            BinaryCopyWriter out = new BinaryCopyWriter(copy::writeToCopy);
            out.writeHeader();
            for (int m = 0; m < rows.count(); m++) {
                Object[] row = rows.row(m);
                out.startRow(columns.size());
                for (int c = 0; c < row.length; c++) {
                    out.writeField(columns.get(c).type(), row[c]);
                }
                progress.advance(1);
            }
            out.finish();
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
