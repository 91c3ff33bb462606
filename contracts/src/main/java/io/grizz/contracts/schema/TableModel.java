package io.grizz.contracts.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One storage table: its name and its columns in the order the migrations create them, which is also the order
 * of every list derived from them (insert, {@code COPY}, upsert, read API).
 */
public record TableModel(String name, List<ColumnModel> columns) {

    public TableModel {
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (ColumnModel column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException(name + "." + column.name() + " is declared twice");
            }
        }
    }

    /**
     * The column called {@code name}. Code that names a column looks it up here, so that a name the model does not
     * know fails where it is spelled, at class initialisation, not in PostgreSQL at the first batch.
     *
     * @throws IllegalArgumentException when the table has no such column
     */
    public ColumnModel column(String name) {
        return columns.stream()
                .filter(column -> column.name().equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("the storage schema has no column " + this.name + "." + name));
    }

    /** The columns that play {@code role}, in table order. */
    public List<ColumnModel> columns(ColumnRole role) {
        return columns.stream().filter(column -> column.has(role)).toList();
    }
}
