package io.grizz.worker.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a producer sent, checked against what the worker stored and where Kafka put it: each created event as its
 * row of {@code messages} (docs/contract.md §3 and §4), field by field, and each record on its key's murmur2
 * partition, the placement of Kafka's default partitioner.
 */
public final class StoredEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StoredEvents() {}

    /** Every event (message.created, revision 1) is stored as sent: owner, conversation, role, content, metadata. */
    public static void assertStoredAsSent(JdbcTemplate jdbc, List<JsonNode> events) {
        for (JsonNode event : events) {
            UUID id = UUID.fromString(event.get("message_id").asString());
            List<Map<String, Object>> rows = jdbc.queryForList("""
                    SELECT m.conversation_id, m.user_id, m.role, m.content, m.metadata::text AS metadata, m.revision,
                           m.created_at, m.deleted_at, c.user_id AS owner
                      FROM messages m JOIN conversations c ON c.id = m.conversation_id
                     WHERE m.id = ?""", id);
            assertThat(rows).as("the row of message %s", id).hasSize(1);
            Map<String, Object> row = rows.get(0);
            UUID user = UUID.fromString(event.get("user_id").asString());
            assertThat(row.get("conversation_id"))
                    .as("conversation of %s", id)
                    .isEqualTo(UUID.fromString(event.get("conversation_id").asString()));
            assertThat(row.get("user_id")).as("user of %s", id).isEqualTo(user);
            assertThat(row.get("owner"))
                    .as("owner of the conversation of %s", id)
                    .isEqualTo(user);
            assertThat(row.get("role"))
                    .as("role of %s", id)
                    .isEqualTo(event.get("role").asString());
            assertThat(row.get("revision"))
                    .as("revision of %s", id)
                    .isEqualTo(event.get("revision").asInt());
            assertThat(row.get("deleted_at")).as("deleted_at of %s", id).isNull();
            assertThat(JSON.readTree((String) row.get("metadata")))
                    .as("metadata of %s", id)
                    .isEqualTo(event.get("metadata"));
            assertThat(((Timestamp) row.get("created_at")).toInstant())
                    .as("created_at of %s: its occurred_at", id)
                    .isEqualTo(OffsetDateTime.parse(event.get("occurred_at").asString())
                            .toInstant()
                            .truncatedTo(ChronoUnit.MICROS));
            String content = (String) row.get("content");
            String sent = event.get("content").asString();
            // compared apart from the assertion: a megabyte in a failure message helps nobody
            assertThat(sent.equals(content))
                    .as(
                            "content of %s as sent (%d UTF-8 bytes sent, %s stored)",
                            id,
                            sent.getBytes(StandardCharsets.UTF_8).length,
                            content == null ? "null" : content.getBytes(StandardCharsets.UTF_8).length)
                    .isTrue();
        }
    }

    /** The records off the partition Kafka's default partitioner gives their key among {@code partitions}. */
    public static long offTheirKeysPartition(List<ConsumerRecord<byte[], byte[]>> records, int partitions) {
        return records.stream()
                .filter(r -> Utils.toPositive(Utils.murmur2(r.key())) % partitions != r.partition())
                .count();
    }
}
