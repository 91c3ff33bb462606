package io.grizz.load.stack;

import io.grizz.load.report.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the database's time went, statement by statement: {@code pg_stat_statements} of one database, reset when a
 * run starts and read when it ends. Only where the server preloads the library
 * ({@code --postgres-setting shared_preload_libraries=pg_stat_statements}); without it there is nothing to read and
 * {@link #start} says so with an empty result, the run going on as it would.
 */
public final class StatementTimes {

    /** One normalized statement: how often it ran, the rows it touched, its execution time. */
    public record Timed(String query, long calls, long rows, double totalMillis) {}

    /** What the harness's own statements carry in a comment (the oracle's reads): they are not the worker's. */
    public static final String HARNESS_MARK = "/* grizz-load";

    private static final int SHOWN = 8;
    private static final int QUERY_CHARACTERS = 90;

    private final Database database;

    private StatementTimes(Database database) {
        this.database = database;
    }

    /** Resets the counters, or empty when the server does not load {@code pg_stat_statements}. */
    public static Optional<StatementTimes> start(Database database) {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
            return Optional.of(new StatementTimes(database));
        } catch (SQLException notLoaded) {
            // "pg_stat_statements must be loaded via shared_preload_libraries": the run measures without it
            return Optional.empty();
        }
    }

    /** The statements of this database since {@link #start}, the costliest first, but the harness's own. */
    public List<Timed> read() throws SQLException {
        List<Timed> timed = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT s.query, s.calls, s.rows, s.total_exec_time
                          FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                         WHERE d.datname = current_database() AND s.query NOT LIKE ?
                         ORDER BY s.total_exec_time DESC""")) {
            statement.setString(1, "%" + HARNESS_MARK + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    timed.add(new Timed(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getDouble(4)));
                }
            }
        }
        return timed;
    }

    /**
     * The costliest statements as a report table: each one's share of the database's time and its time per row of
     * the run ({@code runRows}, e.g. the rows a drain persisted), so the cost of a row has names; {@code during}
     * names the run in the title, e.g. "the drain".
     */
    public static Table table(List<Timed> timed, long runRows, String during) {
        double total = timed.stream().mapToDouble(Timed::totalMillis).sum();
        List<List<String>> rows = new ArrayList<>();
        for (Timed statement : timed.subList(0, Math.min(SHOWN, timed.size()))) {
            rows.add(List.of(
                    shortened(statement.query()),
                    Long.toString(statement.calls()),
                    Long.toString(statement.rows()),
                    String.format(Locale.ROOT, "%.0f", statement.totalMillis()),
                    String.format(Locale.ROOT, "%.1f", total > 0 ? 100 * statement.totalMillis() / total : 0),
                    String.format(Locale.ROOT, "%.2f", runRows > 0 ? 1000 * statement.totalMillis() / runRows : 0)));
        }
        return new Table(
                "Database time by statement during " + during + " (pg_stat_statements, execution time)",
                List.of("statement", "calls", "rows", "total ms", "share %", "µs per run row"),
                rows);
    }

    /** One line, collapsed whitespace, cut to a width a table can show. */
    static String shortened(String query) {
        String line = query.replaceAll("\\s+", " ").trim();
        return line.length() <= QUERY_CHARACTERS ? line : line.substring(0, QUERY_CHARACTERS - 1) + "…";
    }
}
