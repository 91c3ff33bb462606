package io.grizz.contracts.schema;

import java.util.Objects;
import java.util.Set;

/**
 * One column of a storage table: what the migrations create ({@link #name}, {@link #type}, {@link #nullable}) and
 * the {@link ColumnRole roles} it plays for the worker. {@code StorageSchemaIT} holds the first three to the
 * migrated database; the roles decide which derived statement lists the column.
 */
public record ColumnModel(String name, SqlType type, boolean nullable, Set<ColumnRole> roles) {

    public ColumnModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        roles = Set.copyOf(roles);
    }

    /** A column that is {@code NOT NULL}. */
    static ColumnModel required(String name, SqlType type, ColumnRole... roles) {
        return new ColumnModel(name, type, false, Set.of(roles));
    }

    /** A column that may hold null. */
    static ColumnModel nullable(String name, SqlType type, ColumnRole... roles) {
        return new ColumnModel(name, type, true, Set.of(roles));
    }

    public boolean has(ColumnRole role) {
        return roles.contains(role);
    }
}
