package io.grizz.load.benchmark;

import io.grizz.load.stack.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A table of the same shape as {@code messages}, with its defaults and indexes (but no foreign key, which
 * {@code LIKE} does not copy), for the baselines to write into beside the worker's own tables.
 */
final class ScratchTable implements AutoCloseable {

    static final String COLUMNS =
            "id, conversation_id, user_id, role, content, metadata, revision, created_at, " + "updated_at, deleted_at";

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
}
