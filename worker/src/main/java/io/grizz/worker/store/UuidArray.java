package io.grizz.worker.store;

import java.nio.ByteBuffer;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import org.postgresql.core.Oid;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

/**
 * A {@code uuid[]} parameter in PostgreSQL's binary array format: 16 bytes an element, nothing
 * to format here or to parse on the server. pgjdbc sends a {@code UUID[]} from
 * {@code createArrayOf} as an array literal instead, each element turned into text and escaped,
 * about a tenth of an ingest thread's time in a drain.
 *
 * <p>It goes in binary when the connection sends {@code uuid[]} (OID 2951) in binary, which
 * {@code DatabaseConnectionSettings} turns on, and as the literal otherwise. Sent only, never
 * read back: the ingest path selects no arrays. An element may be null (for a nullable {@code uuid} column,
 * which a column added later may be: docs/schema.md): it goes as length -1, and as {@code NULL} in the literal.
 */
public final class UuidArray extends PGobject implements PGBinaryObject {

    /** {@code uuid[]}'s type OID, for the connection property that turns binary sending on. */
    public static final int OID = Oid.UUID_ARRAY;

    private static final int ELEMENT_OID = Oid.UUID;
    private static final int HEADER_BYTES = 12;
    private static final int DIMENSION_BYTES = 8;
    private static final int ELEMENT_BYTES = 4 + 16;
    private static final int NULL_BYTES = 4;

    private final UUID[] values;
    private final int nulls;

    UuidArray(UUID[] values) {
        int count = 0;
        for (UUID value : values) {
            if (value == null) {
                count++;
            }
        }
        this.values = values;
        this.nulls = count;
        this.type = "uuid[]";
    }

    @Override
    public int lengthInBytes() {
        return values.length == 0
                ? HEADER_BYTES
                : HEADER_BYTES + DIMENSION_BYTES + ELEMENT_BYTES * (values.length - nulls) + NULL_BYTES * nulls;
    }

    /** Dimensions, null flag, element type; then the one dimension's length and lower bound; then each element. */
    @Override
    public void toBytes(byte[] bytes, int offset) {
        ByteBuffer out = ByteBuffer.wrap(bytes, offset, lengthInBytes());
        out.putInt(values.length == 0 ? 0 : 1).putInt(nulls == 0 ? 0 : 1).putInt(ELEMENT_OID);
        if (values.length == 0) {
            return;
        }
        out.putInt(values.length).putInt(1);
        for (UUID value : values) {
            if (value == null) {
                out.putInt(-1);
            } else {
                out.putInt(16).putLong(value.getMostSignificantBits()).putLong(value.getLeastSignificantBits());
            }
        }
    }

    @Override
    public String getValue() {
        return Arrays.stream(values)
                .map(value -> value == null ? "NULL" : value.toString())
                .collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    public void setByteValue(byte[] value, int offset) throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("uuid[] parameters are written, never read");
    }
}
