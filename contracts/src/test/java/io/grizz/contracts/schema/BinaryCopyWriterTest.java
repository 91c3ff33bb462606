package io.grizz.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The binary {@code COPY} format, byte for byte: what the worker's write path and the harness's ceiling send. */
class BinaryCopyWriterTest {

    private static final UUID ID = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");

    @Test
    void theHeaderIsTheSignatureNoFlagsAndNoExtension() throws SQLException {
        Bytes bytes = new Bytes();
        BinaryCopyWriter out = new BinaryCopyWriter(bytes);
        out.writeHeader();
        out.finish();

        assertThat(HexFormat.of().formatHex(bytes.all()))
                .isEqualTo("5047434f50590aff0d0a00" + "00000000" + "00000000" + "ffff");
    }

    @Test
    void timestampsAreMicrosecondsSincePostgresqlsEpoch() throws SQLException {
        assertThat(field(out -> out.writeTimestamptz(Instant.parse("2000-01-01T00:00:00Z"))))
                .isEqualTo("00000008" + "0000000000000000");
        assertThat(field(out -> out.writeTimestamptz(Instant.parse("2000-01-01T00:00:00.000001Z"))))
                .isEqualTo("00000008" + "0000000000000001");
        // before 2000: negative, two's complement
        assertThat(field(out -> out.writeTimestamptz(Instant.parse("1999-12-31T23:59:59.999999Z"))))
                .isEqualTo("00000008" + "ffffffffffffffff");
        assertThat(field(out -> out.writeTimestamptz(Instant.parse("1970-01-01T00:00:00Z"))))
                .isEqualTo("00000008" + String.format("%016x", -946_684_800_000_000L));
        // year 9999's last microsecond, exact
        String lastField = field(out -> out.writeTimestamptz(Instant.parse("9999-12-31T23:59:59.999999Z")));
        ByteBuffer last = ByteBuffer.wrap(HexFormat.of().parseHex(lastField.substring(8)));
        assertThat(last.getLong())
                .isEqualTo((Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() - 946_684_800L) * 1_000_000L
                        + 999_999L);
    }

    @Test
    void uuidsInt4sNullsTextAndJsonbInTheirSendFormats() throws SQLException {
        assertThat(field(out -> out.writeUuid(ID))).isEqualTo("00000010" + "00112233445566778899aabbccddeeff");
        assertThat(field(out -> out.writeInt4(-2))).isEqualTo("00000004" + "fffffffe");
        assertThat(field(BinaryCopyWriter::writeNull)).isEqualTo("ffffffff");
        assertThat(field(out -> out.writeText("é"))).isEqualTo("00000002" + "c3a9");
        assertThat(field(out -> out.writeText(""))).isEqualTo("00000000");
        assertThat(field(out -> out.writeJsonb("{}"))).isEqualTo("00000003" + "01" + "7b7d");
    }

    @Test
    void aFieldByTheModelsTypeIsTheTypesOwnEncoding() throws SQLException {
        Instant time = Instant.parse("2026-03-01T12:00:00.123456Z");
        assertThat(field(out -> out.writeField(SqlType.UUID, ID))).isEqualTo(field(out -> out.writeUuid(ID)));
        assertThat(field(out -> out.writeField(SqlType.TEXT, "é"))).isEqualTo(field(out -> out.writeText("é")));
        assertThat(field(out -> out.writeField(SqlType.JSONB, "{}"))).isEqualTo(field(out -> out.writeJsonb("{}")));
        assertThat(field(out -> out.writeField(SqlType.INTEGER, 7))).isEqualTo(field(out -> out.writeInt4(7)));
        assertThat(field(out -> out.writeField(SqlType.TIMESTAMPTZ, time)))
                .isEqualTo(field(out -> out.writeTimestamptz(time)));
        for (SqlType type : SqlType.values()) {
            assertThat(field(out -> out.writeField(type, null))).as(type.name()).isEqualTo("ffffffff");
        }
    }

    @Test
    void textsLargerThanTheBufferGoAroundItAndTheStreamStaysInOrder() throws SQLException {
        Bytes bytes = new Bytes();
        BinaryCopyWriter out = new BinaryCopyWriter(bytes, 64);
        String large = "x".repeat(200);
        String fits = "y".repeat(40);
        out.writeInt4(1);
        out.writeText(large);
        out.writeText(fits);
        out.writeText(fits);
        out.writeInt4(2);
        out.flush();

        assertThat(bytes.writes).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(200));
        assertThat(bytes.writes).contains(200);
        ByteBuffer in = ByteBuffer.wrap(bytes.all());
        assertThat(in.getInt()).isEqualTo(4);
        assertThat(in.getInt()).isEqualTo(1);
        assertThat(text(in)).isEqualTo(large);
        assertThat(text(in)).isEqualTo(fits);
        assertThat(text(in)).isEqualTo(fits);
        assertThat(in.getInt()).isEqualTo(4);
        assertThat(in.getInt()).isEqualTo(2);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void anUnpairedSurrogateBecomesAQuestionMarkAsPgjdbcSendsIt() throws SQLException {
        assertThat(field(out -> out.writeText("a\uD800b"))).isEqualTo("00000003" + "613f62");
    }

    private static String text(ByteBuffer in) {
        byte[] utf8 = new byte[in.getInt()];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface Write {
        void to(BinaryCopyWriter out) throws SQLException;
    }

    private static String field(Write write) throws SQLException {
        Bytes bytes = new Bytes();
        BinaryCopyWriter out = new BinaryCopyWriter(bytes);
        write.to(out);
        out.flush();
        return HexFormat.of().formatHex(bytes.all());
    }

    /** A sink that keeps what it was sent, and the size of each write. */
    private static final class Bytes implements BinaryCopyWriter.Sink {
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private final List<Integer> writes = new ArrayList<>();

        @Override
        public void write(byte[] bytes, int offset, int length) {
            sent.write(bytes, offset, length);
            writes.add(length);
        }

        byte[] all() {
            return sent.toByteArray();
        }
    }
}
