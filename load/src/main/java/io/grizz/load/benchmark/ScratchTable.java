package io.grizz.load.benchmark;

import io.grizz.contracts.schema.ColumnModel;
import io.grizz.contracts.schema.SqlType;
import io.grizz.load.stack.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/**
 * A table of the same shape as {@code messages}, with its defaults and indexes (but no foreign key, which
 * {@code LIKE} does not copy), for the baselines to write into beside the worker's own tables. Its shape is the
 * migrated table's ({@code LIKE}) and its statements list {@link MessageRows#COLUMNS}, the schema model's: nothing
 * here names a column.
 */
final class ScratchTable implements AutoCloseable {

    private final Database database;
    private final String name;

    private ScratchTable(Database database, String name) {
        this.database = database;
        this.name = name;
    }

    /** Creates {@code name} anew (dropping a leftover of an interrupted run). */
    static ScratchTable create(Database database, String name) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + name);
            statement.execute("CREATE TABLE " + name + " (LIKE messages INCLUDING ALL)");
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw new IllegalStateException(
                        "the database has no messages table to copy the shape of; "
                                + "run the worker against it once (it migrates the schema)",
                        e);
            }
            throw e;
        }
        return new ScratchTable(database, name);
    }

    String name() {
        return name;
    }

    /** {@code COPY name (columns) FROM STDIN (FORMAT binary)}: the worker's {@code COPY}, into this table. */
    String copyFromStdin() {
        return "COPY " + name + " (" + columnNames() + ") FROM STDIN (FORMAT binary)";
    }

    /** A single-row {@code INSERT} of {@link MessageRows#COLUMNS}, one parameter each, JSON text cast to jsonb. */
    String insertOneRow() {
        String parameters = MessageRows.COLUMNS.stream()
                .map(column -> column.type() == SqlType.JSONB ? "?::jsonb" : "?")
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + name + " (" + columnNames() + ") VALUES (" + parameters + ")";
    }

    long rowCount() throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM " + name)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + name);
        }
    }

    private static String columnNames() {
        return MessageRows.COLUMNS.stream().map(ColumnModel::name).collect(Collectors.joining(", "));
    }
}
