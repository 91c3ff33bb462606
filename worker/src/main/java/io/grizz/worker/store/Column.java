package io.grizz.worker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One column the write path writes: its name, its SQL type, and how a row's value for it is taken.
 * The type knows the rest: how the value travels as an array element for {@code unnest} and how it
 * is written in {@code COPY}'s binary format. {@link Table} derives every statement and every binding
 * from a list of these.
 *
 * @param <R> the row type the value is taken from
 */
record Column<R>(String name, Type type, Function<R, ?> value) {

    static <R> Column<R> uuid(String name, Function<R, UUID> value) {
        return new Column<>(name, Type.UUID, value);
    }

    static <R> Column<R> text(String name, Function<R, String> value) {
        return new Column<>(name, Type.TEXT, value);
    }

    /** JSON text, stored as {@code jsonb}: the text as it was sent, parsed by the server. */
    static <R> Column<R> jsonb(String name, Function<R, String> value) {
        return new Column<>(name, Type.JSONB, value);
    }

    static <R> Column<R> int4(String name, Function<R, Integer> value) {
        return new Column<>(name, Type.INT4, value);
    }

    static <R> Column<R> timestamptz(String name, Function<R, Instant> value) {
        return new Column<>(name, Type.TIMESTAMPTZ, value);
    }

    /** The expression that makes the {@code unnest} element called {@link #name} this column's value. */
    String fromElement() {
        return type.fromElement(name);
    }

    /** Binds this column of the rows, as one array parameter, at {@code index}. */
    void bind(Connection connection, PreparedStatement statement, int index, List<R> rows) throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(rows.get(i));
        }
        type.bind(connection, statement, index, values);
    }

    /** Writes this column's field of the row in {@code COPY}'s binary format. */
    void copy(BinaryCopyWriter out, R row) throws SQLException {
        Object field = value.apply(row);
        if (field == null) {
            out.writeNull();
        } else {
            type.copy(out, field);
        }
    }

    /**
     * The SQL types the write path uses, each with its array element type (what pgjdbc sends in
     * binary: {@code text[]}, {@code int4[]}, {@code int8[]}, and {@code uuid[]} through
     * {@link UuidArray}) and its {@code COPY} binary form (the type's {@code _send} format).
     */
    enum Type {
        UUID("uuid", "uuid", null) {
            @Override
            void bind(Connection connection, PreparedStatement statement, int index, Object[] values)
                    throws SQLException {
                UUID[] uuids = new UUID[values.length];
                System.arraycopy(values, 0, uuids, 0, values.length);
                statement.setObject(index, new UuidArray(uuids));
            }

            @Override
            void copy(BinaryCopyWriter out, Object value) throws SQLException {
                out.writeUuid((java.util.UUID) value);
            }
        },
        TEXT("text", "text", String[]::new) {
            @Override
            void copy(BinaryCopyWriter out, Object value) throws SQLException {
                out.writeText((String) value);
            }
        },
        /**
         * Bound as {@code text[]}, which pgjdbc sends in binary, cast to {@code jsonb} per row: a
         * {@code jsonb[]} goes as one escaped array literal that both sides must escape and
         * unescape, quotes and all.
         */
        JSONB("jsonb", "text", String[]::new) {
            @Override
            String fromElement(String element) {
                return element + "::jsonb";
            }

            @Override
            void copy(BinaryCopyWriter out, Object value) throws SQLException {
                out.writeJsonb((String) value);
            }
        },
        INT4("int4", "int4", Integer[]::new) {
            @Override
            void copy(BinaryCopyWriter out, Object value) throws SQLException {
                out.writeInt4((Integer) value);
            }
        },
        /**
         * Bound as {@code int8[]} of microseconds since the epoch (see {@link Micros#sinceEpoch}),
         * exact and without a date to format on one side and parse on the other.
         */
        TIMESTAMPTZ("timestamptz", "int8", null) {
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

            @Override
            void copy(BinaryCopyWriter out, Object value) throws SQLException {
                out.writeTimestamptz((Instant) value);
            }
        };

        private final String sql;
        private final String element;
        private final IntFunction<Object[]> newArray;

        /** @param newArray the typed Java array the values are bound in, unless {@link #bind} is overridden */
        Type(String sql, String element, IntFunction<Object[]> newArray) {
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

        abstract void copy(BinaryCopyWriter out, Object value) throws SQLException;
    }
}
