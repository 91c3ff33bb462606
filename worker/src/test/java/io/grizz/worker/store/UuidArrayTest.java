package io.grizz.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidArrayTest {

    private static final UUID FIRST = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    private static final UUID SECOND = UUID.fromString("ffffffff-0000-0000-0000-000000000001");

    @Test
    void encodesPostgresqlsBinaryArrayFormatOneDimensionFromOne() {
        UuidArray array = new UuidArray(new UUID[] {FIRST, SECOND});
        byte[] bytes = new byte[3 + array.lengthInBytes()];
        array.toBytes(bytes, 3);

        ByteBuffer in = ByteBuffer.wrap(bytes, 3, array.lengthInBytes());
        assertThat(array.lengthInBytes()).isEqualTo(12 + 8 + 2 * 20);
        assertThat(in.getInt()).as("dimensions").isEqualTo(1);
        assertThat(in.getInt()).as("has nulls").isZero();
        assertThat(in.getInt()).as("element type: uuid").isEqualTo(2950);
        assertThat(in.getInt()).as("length").isEqualTo(2);
        assertThat(in.getInt()).as("lower bound").isEqualTo(1);
        for (UUID expected : new UUID[] {FIRST, SECOND}) {
            assertThat(in.getInt()).as("element length").isEqualTo(16);
            assertThat(new UUID(in.getLong(), in.getLong())).isEqualTo(expected);
        }
        assertThat(in.hasRemaining()).isFalse();
        assertThat(bytes[0] | bytes[1] | bytes[2])
                .as("nothing written before the offset")
                .isZero();
        assertThat(bytes[3 + 12 + 8 + 4]).as("big-endian, as sent by uuid_send").isEqualTo((byte) 0x00);
        assertThat(bytes[3 + 12 + 8 + 4 + 15]).isEqualTo((byte) 0xff);
    }

    @Test
    void anEmptyArrayHasNoDimensions() {
        UuidArray array = new UuidArray(new UUID[0]);
        byte[] bytes = new byte[array.lengthInBytes()];
        array.toBytes(bytes, 0);

        assertThat(bytes).hasSize(12);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        assertThat(in.getInt()).isZero();
        assertThat(in.getInt()).isZero();
        assertThat(in.getInt()).isEqualTo(2950);
        assertThat(array.getValue()).isEqualTo("{}");
    }

    @Test
    void fallsBackToTheArrayLiteralWhenBinaryIsOff() {
        UuidArray array = new UuidArray(new UUID[] {FIRST, SECOND});
        assertThat(array.getType()).isEqualTo("uuid[]");
        assertThat(array.getValue())
                .isEqualTo("{00112233-4455-6677-8899-aabbccddeeff,ffffffff-0000-0000-0000-000000000001}");
    }

    @Test
    void aNullElementIsFlaggedInTheHeaderAndSentAsLengthMinusOne() {
        UuidArray array = new UuidArray(new UUID[] {null, FIRST});
        byte[] bytes = new byte[array.lengthInBytes()];
        array.toBytes(bytes, 0);

        ByteBuffer in = ByteBuffer.wrap(bytes);
        assertThat(array.lengthInBytes()).isEqualTo(12 + 8 + 4 + 20);
        assertThat(in.getInt()).as("dimensions").isEqualTo(1);
        assertThat(in.getInt()).as("has nulls").isEqualTo(1);
        assertThat(in.getInt()).isEqualTo(2950);
        assertThat(in.getInt()).isEqualTo(2);
        assertThat(in.getInt()).isEqualTo(1);
        assertThat(in.getInt()).as("null").isEqualTo(-1);
        assertThat(in.getInt()).isEqualTo(16);
        assertThat(new UUID(in.getLong(), in.getLong())).isEqualTo(FIRST);
        assertThat(in.hasRemaining()).isFalse();
        assertThat(array.getValue()).isEqualTo("{NULL,00112233-4455-6677-8899-aabbccddeeff}");
    }

    @Test
    void refusesReading() {
        assertThatThrownBy(() -> new UuidArray(new UUID[] {FIRST}).setByteValue(new byte[0], 0))
                .hasMessageContaining("never read");
    }
}
