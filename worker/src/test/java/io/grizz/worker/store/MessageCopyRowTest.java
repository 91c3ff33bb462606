package io.grizz.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.EventType;
import io.grizz.contracts.Role;
import io.grizz.contracts.schema.BinaryCopyWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The messages table's {@code COPY} rows as {@link Table} derives them: the fields in the table's column order, each
 * in the encoder's form ({@link BinaryCopyWriter}'s own bytes are tested beside it, in {@code contracts}).
 */
class MessageCopyRowTest {

    private static final UUID ID = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    private static final UUID CONVERSATION = UUID.fromString("ffffffff-0000-0000-0000-000000000001");
    private static final UUID USER = UUID.fromString("12345678-9abc-def0-1234-56789abcdef0");

    @Test
    void aMessageRowDecodesBackToItsValuesInTheTablesColumnOrder() throws SQLException {
        Instant created = Instant.parse("2026-03-01T12:00:00.123456Z");
        Instant updated = Instant.parse("2026-03-01T12:00:01Z");
        MessageRow row = new MessageRow(
                UUID.randomUUID(),
                EventType.CREATED,
                ID,
                CONVERSATION,
                USER,
                Role.ASSISTANT,
                "grüß 👋",
                "{\"a\":[1,2]}",
                7,
                created,
                updated,
                null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryCopyWriter out = new BinaryCopyWriter(bytes::write);
        out.writeHeader();
        StoreSql.MESSAGES.copy(out, row);
        out.finish();

        ByteBuffer in = ByteBuffer.wrap(bytes.toByteArray());
        in.position(11 + 8);
        assertThat(in.getShort()).as("fields").isEqualTo((short) 10);
        assertThat(uuid(in)).isEqualTo(ID);
        assertThat(uuid(in)).isEqualTo(CONVERSATION);
        assertThat(uuid(in)).isEqualTo(USER);
        assertThat(text(in)).isEqualTo("assistant");
        assertThat(text(in)).isEqualTo("grüß 👋");
        int jsonbLength = in.getInt();
        assertThat(in.get()).as("jsonb version").isEqualTo((byte) 1);
        byte[] json = new byte[jsonbLength - 1];
        in.get(json);
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"a\":[1,2]}");
        assertThat(in.getInt()).isEqualTo(4);
        assertThat(in.getInt()).isEqualTo(7);
        assertThat(timestamp(in)).isEqualTo(created);
        assertThat(timestamp(in)).isEqualTo(updated);
        assertThat(in.getInt()).as("deleted_at is NULL").isEqualTo(-1);
        assertThat(in.getShort()).as("trailer").isEqualTo((short) -1);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void aRowWithNullRoleContentAndMetadataWritesNulls() throws SQLException {
        MessageRow tombstone = new MessageRow(
                UUID.randomUUID(),
                EventType.DELETED,
                ID,
                CONVERSATION,
                USER,
                null,
                null,
                null,
                3,
                Instant.EPOCH,
                Instant.EPOCH,
                Instant.EPOCH);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryCopyWriter out = new BinaryCopyWriter(bytes::write);
        StoreSql.MESSAGES.copy(out, tombstone);
        out.flush();

        ByteBuffer in = ByteBuffer.wrap(bytes.toByteArray());
        in.getShort();
        for (int i = 0; i < 3; i++) {
            uuid(in);
        }
        assertThat(in.getInt()).as("role").isEqualTo(-1);
        assertThat(in.getInt()).as("content").isEqualTo(-1);
        assertThat(in.getInt()).as("metadata").isEqualTo(-1);
    }

    private static UUID uuid(ByteBuffer in) {
        assertThat(in.getInt()).isEqualTo(16);
        return new UUID(in.getLong(), in.getLong());
    }

    private static String text(ByteBuffer in) {
        byte[] utf8 = new byte[in.getInt()];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static Instant timestamp(ByteBuffer in) {
        assertThat(in.getInt()).isEqualTo(8);
        long micros = in.getLong() + BinaryCopyWriter.POSTGRES_EPOCH_MICROS;
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
