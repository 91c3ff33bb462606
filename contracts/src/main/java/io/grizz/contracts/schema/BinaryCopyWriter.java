package io.grizz.contracts.schema;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Rows in {@code COPY … FROM STDIN (FORMAT binary)}'s format, written into one reused buffer that
 * goes to the server whenever it fills: no per-row copy but the UTF-8 bytes of each text.
 *
 * <p>The format: an 11-byte signature, a flags word and a header-extension length (both 0); per
 * row the number of fields ({@code int2}) and per field its length ({@code int4}, -1 for NULL)
 * and its bytes in the type's binary send format; an {@code int2} -1 at the end. All big-endian.
 * The send formats used here: {@code uuid} 16 bytes; {@code text} its UTF-8 bytes; {@code jsonb} a
 * version byte 1 then the JSON text in UTF-8 (the server parses it, as it does a text cast);
 * {@code int4} 4 bytes; {@code timestamptz} an {@code int8} of microseconds since
 * 2000-01-01 00:00 UTC.
 *
 * <p>It lives beside the {@link StorageSchema} model, with no JDBC driver behind it, so that the worker's write path
 * and the load harness's ceiling encode the rows of the same table the same way: a ratio between the two compares
 * the writes, not two encodings.
 */
public final class BinaryCopyWriter {

    /** Where the filled buffer goes: pgjdbc's {@code CopyIn::writeToCopy}. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] bytes, int offset, int length) throws SQLException;
    }

    /** PostgreSQL's epoch, 2000-01-01 00:00 UTC, in microseconds since the Unix epoch. */
    public static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    /** Enough for a row's fixed-size fields; texts larger than what is left go around the buffer. */
    static final int DEFAULT_BUFFER_BYTES = 64 * 1024;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final Sink sink;
    private final byte[] buffer;
    private int position;

    public BinaryCopyWriter(Sink sink) {
        this(sink, DEFAULT_BUFFER_BYTES);
    }

    public BinaryCopyWriter(Sink sink, int bufferBytes) {
        if (bufferBytes < 64) {
            throw new IllegalArgumentException("a COPY buffer of " + bufferBytes + " bytes is too small");
        }
        this.sink = sink;
        this.buffer = new byte[bufferBytes];
    }

    /** The signature, no flags (no OIDs), no header extension. */
    public void writeHeader() throws SQLException {
        room(SIGNATURE.length + 8);
        System.arraycopy(SIGNATURE, 0, buffer, position, SIGNATURE.length);
        position += SIGNATURE.length;
        putInt(0);
        putInt(0);
    }

    public void startRow(int fields) throws SQLException {
        room(2);
        SHORT.set(buffer, position, (short) fields);
        position += 2;
    }

    public void writeNull() throws SQLException {
        room(4);
        putInt(-1);
    }

    public void writeUuid(UUID value) throws SQLException {
        room(4 + 16);
        putInt(16);
        LONG.set(buffer, position, value.getMostSignificantBits());
        LONG.set(buffer, position + 8, value.getLeastSignificantBits());
        position += 16;
    }

    public void writeInt4(int value) throws SQLException {
        room(4 + 4);
        putInt(4);
        putInt(value);
    }

    /** Microseconds since PostgreSQL's epoch: the decoder has already truncated every time to them. */
    public void writeTimestamptz(Instant value) throws SQLException {
        room(4 + 8);
        putInt(8);
        LONG.set(buffer, position, sincePostgresEpoch(value));
        position += 8;
    }

    /**
     * UTF-8, as pgjdbc encodes the strings it binds ({@link String#getBytes}: an unpaired surrogate
     * becomes {@code ?} either way).
     */
    public void writeText(String value) throws SQLException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        room(4);
        putInt(utf8.length);
        putBytes(utf8);
    }

    public void writeJsonb(String json) throws SQLException {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        room(4 + 1);
        putInt(1 + utf8.length);
        buffer[position++] = 1;
        putBytes(utf8);
    }

    /**
     * Microseconds since the Unix epoch, exact: PostgreSQL's own resolution (the decoder truncates every time to
     * it), and year 9999's last one is far inside a {@code long}. The worker's {@code int8[]} binding sends the same
     * number.
     */
    public static long microsSinceUnixEpoch(Instant value) {
        return Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000);
    }

    /** Microseconds since 2000-01-01 00:00 UTC, the {@code timestamptz} send format. */
    static long sincePostgresEpoch(Instant value) {
        return microsSinceUnixEpoch(value) - POSTGRES_EPOCH_MICROS;
    }

    /**
     * One field of a column of the model's {@code type}, for code that walks a {@link TableModel}'s columns instead
     * of naming them: {@code null} as NULL, otherwise the value in the type's send format. The value's Java type
     * follows the SQL type: {@link UUID}, {@link String} (text, and jsonb's JSON text), {@link Integer},
     * {@link Instant}.
     *
     * @throws ClassCastException when the value is not of the type's Java type
     */
    public void writeField(SqlType type, Object value) throws SQLException {
        if (value == null) {
            writeNull();
            return;
        }
        switch (type) {
            case UUID -> writeUuid((UUID) value);
            case TEXT -> writeText((String) value);
            case JSONB -> writeJsonb((String) value);
            case INTEGER -> writeInt4((Integer) value);
            case TIMESTAMPTZ -> writeTimestamptz((Instant) value);
        }
    }

    /** The trailer, and everything still buffered to the sink. */
    public void finish() throws SQLException {
        room(2);
        SHORT.set(buffer, position, (short) -1);
        position += 2;
        flush();
    }

    public void flush() throws SQLException {
        if (position > 0) {
            sink.write(buffer, 0, position);
            position = 0;
        }
    }

    private void room(int bytes) throws SQLException {
        if (buffer.length - position < bytes) {
            flush();
        }
    }

    private void putInt(int value) {
        INT.set(buffer, position, value);
        position += 4;
    }

    /** Into the buffer when they fit in it; a text larger than the whole buffer goes to the sink as it is. */
    private void putBytes(byte[] bytes) throws SQLException {
        if (bytes.length > buffer.length - position) {
            flush();
            if (bytes.length > buffer.length) {
                sink.write(bytes, 0, bytes.length);
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }
}
