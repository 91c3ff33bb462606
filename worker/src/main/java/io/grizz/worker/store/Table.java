package io.grizz.worker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table the write path writes, as the list of its {@link Column}s. Its {@code INSERT … SELECT
 * FROM unnest(…)}, its {@code COPY} and the binding of both are derived from that one list, so a
 * column is declared in one place: its name, type and value cannot drift apart between them.
 *
 * <p>Columns it leaves out take their defaults ({@code messages.persisted_at}: {@code now()},
 * the transaction's start, on both ways in).
 *
 * @param <R> the row type
 */
record Table<R>(String name, List<Column<R>> columns) {

    Table {
        columns = List.copyOf(columns);
    }

    /**
     * {@code INSERT INTO name (columns) SELECT … FROM unnest(arrays) AS batch (columns)}: one array
     * parameter per column, in the columns' order, each element made the column's value by its
     * type's expression.
     */
    String insertFromArrays() {
        return """
                INSERT INTO %s (%s)
                SELECT %s
                  FROM unnest(%s)
                       AS batch (%s)
                """.formatted(
                        name,
                        names(),
                        columns.stream().map(Column::fromElement).collect(Collectors.joining(", ")),
                        columns.stream()
                                .map(column -> "?::" + column.type().arrayType())
                                .collect(Collectors.joining(", ")),
                        names());
    }

    /** {@code COPY name (columns) FROM STDIN (FORMAT binary)}. */
    String copyFromStdin() {
        return "COPY " + name + " (" + names() + ") FROM STDIN (FORMAT binary)";
    }

    /** The array parameters of {@link #insertFromArrays} from {@code first} on; returns the next free index. */
    int bind(Connection connection, PreparedStatement statement, int first, List<R> rows) throws SQLException {
        int index = first;
        for (Column<R> column : columns) {
            column.bind(connection, statement, index++, rows);
        }
        return index;
    }

    /** One row of {@link #copyFromStdin}'s data. */
    void copy(BinaryCopyWriter out, R row) throws SQLException {
        out.startRow(columns.size());
        for (Column<R> column : columns) {
            column.copy(out, row);
        }
    }

    private String names() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }
}
