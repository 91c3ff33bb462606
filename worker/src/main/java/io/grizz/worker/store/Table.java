package io.grizz.worker.store;

import io.grizz.contracts.schema.BinaryCopyWriter;
import io.grizz.contracts.schema.ColumnModel;
import io.grizz.contracts.schema.ColumnRole;
import io.grizz.contracts.schema.TableModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A table the write path writes: its {@link TableModel} and the list of its {@link Column}s. Its {@code INSERT …
 * SELECT FROM unnest(…)}, its {@code COPY}, the binding of both and the upsert's assignments are derived from
 * them, so a column is declared in one place: its name, type and value cannot drift apart between them.
 *
 * <p>The columns must be exactly the model's {@link ColumnRole#INSERTED} ones, in the model's order: a column
 * written here but not flagged there, or flagged there but not written here, fails at construction. Columns it
 * leaves out take their defaults ({@code messages.persisted_at}: {@code now()}, the transaction's start, on both
 * ways in).
 *
 * @param <R> the row type
 */
record Table<R>(TableModel model, List<Column<R>> columns) {

    Table {
        columns = List.copyOf(columns);
        List<ColumnModel> written = columns.stream().map(Column::model).toList();
        if (!written.equals(model.columns(ColumnRole.INSERTED))) {
            throw new IllegalArgumentException("the columns written to " + model.name() + " " + names(written)
                    + " are not the model's INSERTED ones " + names(model.columns(ColumnRole.INSERTED)));
        }
    }

    String name() {
        return model.name();
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
                        name(),
                        names(),
                        columns.stream().map(Column::fromElement).collect(Collectors.joining(", ")),
                        columns.stream()
                                .map(column -> "?::" + column.type().arrayType())
                                .collect(Collectors.joining(", ")),
                        names());
    }

    /** {@code COPY name (columns) FROM STDIN (FORMAT binary)}. */
    String copyFromStdin() {
        return "COPY " + name() + " (" + names() + ") FROM STDIN (FORMAT binary)";
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

    /**
     * What the upsert sets, in the model's order: {@code name = excluded.name} for each
     * {@link ColumnRole#UPSERTED} column, then {@code name = now()} for each {@link ColumnRole#STAMPED} one.
     */
    List<String> upsertAssignments() {
        return Stream.concat(
                        model.columns(ColumnRole.UPSERTED).stream()
                                .map(column -> column.name() + " = excluded." + column.name()),
                        model.columns(ColumnRole.STAMPED).stream().map(column -> column.name() + " = now()"))
                .toList();
    }

    private String names() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    private static String names(List<ColumnModel> columns) {
        return columns.stream().map(ColumnModel::name).collect(Collectors.joining(", ", "(", ")"));
    }
}
