package io.grizz.contracts.schema;

/**
 * The SQL types of the storage tables, each spelled as {@code information_schema.columns.data_type}
 * reports it, so that {@code StorageSchemaIT} can compare the model with a migrated database word for word.
 */
public enum SqlType {
    UUID("uuid"),
    TEXT("text"),
    JSONB("jsonb"),
    INTEGER("integer"),
    TIMESTAMPTZ("timestamp with time zone");

    private final String dataType;

    SqlType(String dataType) {
        this.dataType = dataType;
    }

    /** The type as {@code information_schema.columns.data_type} spells it. */
    public String dataType() {
        return dataType;
    }
}
