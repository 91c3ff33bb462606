package io.grizz.worker.store;

import io.grizz.contracts.schema.BinaryCopyWriter;
import io.grizz.contracts.schema.ColumnModel;
import io.grizz.contracts.schema.ColumnRole;
import io.grizz.contracts.schema.SqlType;
import io.grizz.contracts.schema.StorageSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One column the write path writes: the column of the {@link StorageSchema} model it is (its name and SQL type
 * come from there), how its values travel ({@link Type}), and how a row's value for it is taken. The type knows
 * how the value travels as an array element for {@code unnest} and how it is written in {@code COPY}'s binary
 * format. {@link Table} derives every statement and every binding from a list of these.
 *
 * <p>The model's facts are checked, not trusted: a column the model does not flag {@link ColumnRole#INSERTED},
 * or whose model type is not what its {@link Type} binds, fails at construction, that is when {@link StoreSql} is
 * initialised, not in PostgreSQL at the first batch.
 *
 * @param <R> the row type the value is taken from
 */
record Column<R>(ColumnModel model, Type type, Function<R, ?> value) {

    Column {
        if (!model.has(ColumnRole.INSERTED)) {
            throw new IllegalArgumentException("the model does not flag " + model.name() + " INSERTED");
        }
        if (model.type() != type.modelType) {
            throw new IllegalArgumentException(
                    model.name() + " is " + model.type() + " in the model, bound as " + type);
        }
    }

    static <R> Column<R> uuid(ColumnModel model, Function<R, UUID> value) {
        return new Column<>(model, Type.UUID, value);
    }

    static <R> Column<R> text(ColumnModel model, Function<R, String> value) {
        return new Column<>(model, Type.TEXT, value);
    }

    /** JSON text, stored as {@code jsonb}: the text as it was sent, parsed by the server. */
    static <R> Column<R> jsonb(ColumnModel model, Function<R, String> value) {
        return new Column<>(model, Type.JSONB, value);
    }

    static <R> Column<R> int4(ColumnModel model, Function<R, Integer> value) {
        return new Column<>(model, Type.INT4, value);
    }

    static <R> Column<R> timestamptz(ColumnModel model, Function<R, Instant> value) {
        return new Column<>(model, Type.TIMESTAMPTZ, value);
    }

    String name() {
        return model.name();
    }

    /** The expression that makes the {@code unnest} element called {@link #name} this column's value. */
    String fromElement() {
        return type.fromElement(name());
    }

    /** Binds this column of the rows, as one array parameter, at {@code index}. */
    void bind(Connection connection, PreparedStatement statement, int index, List<R> rows) throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(rows.get(i));
        }
        type.bind(connection, statement, index, values);
    }

    /** Writes this column's field of the row in {@code COPY}'s binary format, by its model type. */
    void copy(BinaryCopyWriter out, R row) throws SQLException {
        out.writeField(model.type(), value.apply(row));
    }

    /**
     * The SQL types the write path uses, each with its array element type (what pgjdbc sends in
     * binary: {@code text[]}, {@code int4[]}, {@code int8[]}, and {@code uuid[]} through
     * {@link UuidArray}); its {@code COPY} binary form is the encoder's, by the model type
     * ({@link BinaryCopyWriter#writeField}).
     */
    enum Type {
        UUID(SqlType.UUID, "uuid", "uuid", null) {
            @Override
            void bind(Connection connection, PreparedStatement statement, int index, Object[] values)
                    throws SQLException {
                UUID[] uuids = new UUID[values.length];
                System.arraycopy(values, 0, uuids, 0, values.length);
                statement.setObject(index, new UuidArray(uuids));
            }
        },
        TEXT(SqlType.TEXT, "text", "text", String[]::new),
        /**
         * Bound as {@code text[]}, which pgjdbc sends in binary, cast to {@code jsonb} per row: a
         * {@code jsonb[]} goes as one escaped array literal that both sides must escape and
         * unescape, quotes and all.
         */
        JSONB(SqlType.JSONB, "jsonb", "text", String[]::new) {
            @Override
            String fromElement(String element) {
                return element + "::jsonb";
            }
        },
        INT4(SqlType.INTEGER, "int4", "int4", Integer[]::new),
        /**
         * Bound as {@code int8[]} of microseconds since the epoch (see {@link Micros#sinceEpoch}),
         * exact and without a date to format on one side and parse on the other.
         */
        TIMESTAMPTZ(SqlType.TIMESTAMPTZ, "timestamptz", "int8", null) {
            @Override
            String fromElement(String element) {
                return Micros.toTimestamptz(element);
            }

            @Override
            void bind(Connection connection, PreparedStatement statement, int index, Object[] values)
                    throws SQLException {
                Long[] micros = new Long[values.length];
                for (int i = 0; i < values.length; i++) {
                    micros[i] = Micros.sinceEpoch((Instant) values[i]);
                }
                statement.setArray(index, connection.createArrayOf("int8", micros));
            }
        };

        private final SqlType modelType;
        private final String sql;
        private final String element;
        private final IntFunction<Object[]> newArray;

        /**
         * @param modelType the model's type of a column bound this way
         * @param sql       the type's name in the catalog ({@code udt_name})
         * @param newArray  the typed Java array the values are bound in, unless {@link #bind} is overridden
         */
        Type(SqlType modelType, String sql, String element, IntFunction<Object[]> newArray) {
            this.modelType = modelType;
            this.sql = sql;
            this.element = element;
            this.newArray = newArray;
        }

        /** The column's type in the table. */
        String sql() {
            return sql;
        }

        /** The array parameter's type: {@code element[]}. */
        String arrayType() {
            return element + "[]";
        }

        String fromElement(String element) {
            return element;
        }

        /**
         * Binds the values as one array parameter. Typed Java arrays, for pgjdbc picks its array
         * encoder by the array's class and only typed arrays go in binary.
         */
        void bind(Connection connection, PreparedStatement statement, int index, Object[] values) throws SQLException {
            Object[] typed = newArray.apply(values.length);
            System.arraycopy(values, 0, typed, 0, values.length);
            statement.setArray(index, connection.createArrayOf(element, typed));
        }
    }
}
