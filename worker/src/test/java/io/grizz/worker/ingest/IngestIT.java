package io.grizz.worker.ingest;

import static io.grizz.worker.support.Events.created;
import static io.grizz.worker.support.Events.deleted;
import static io.grizz.worker.support.Events.updated;
import static io.grizz.worker.support.IngestFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteEncoder;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.IngestFixture;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write path of docs/contract.md §3–§4 on the real local stack: a real broker, a real PostgreSQL, the
 * worker in this JVM. Every test uses fresh ids, so they share one worker.
 */
class IngestIT {

    private static final int MAX_CONTENT_BYTES = 4096;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MessageWriteEncoder ENCODER = new MessageWriteEncoder();

    private static IngestFixture fixture;
    private static ConfigurableApplicationContext worker;

    @BeforeAll
    static void startWorker() {
        fixture = IngestFixture.create("ingest", 3);
        // a session time zone far from UTC, so a time-zone bug cannot hide (the JVM runs in another one)
        fixture.jdbc()
                .execute("ALTER DATABASE " + fixture.jdbc().queryForObject("SELECT current_database()", String.class)
                        + " SET timezone TO 'America/St_Johns'");
        worker = fixture.startWorker(Map.of("grizz.max-content-bytes", MAX_CONTENT_BYTES));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aCreatedEventIsStoredAsNativeUuidJsonbAndTimestamptzAndReadsBackEqual() {
        UUID conversation = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        String hostile = "it's \"quoted\" \\ back\\slash '); DROP TABLE messages; -- $1 ? 😀 𝄞 é \t\n end";
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("sql", "'; DELETE FROM conversations; --");
        metadata.put("emoji", "😀𝄞");
        metadata.put("back\\slash \"key\"", "\\");
        metadata.put("nested", Map.of("list", List.of(1, 2.5, true, "x")));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schema_version", 1);
        event.put("event_id", UUID.randomUUID().toString().toUpperCase());
        event.put("type", "message.created");
        event.put("occurred_at", "2026-03-01T17:30:00.123456789+05:30");
        event.put("message_id", message.toString().toUpperCase());
        event.put("conversation_id", conversation.toString());
        event.put("user_id", user.toString());
        event.put("revision", 1);
        event.put("role", "assistant");
        event.put("content", hostile);
        event.put("metadata", metadata);
        event.put("an_unknown_field", "ignored");
        fixture.sendRaw(conversation.toString().toUpperCase(), JSON.writeValueAsBytes(event));
        fixture.flush();

        fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", message);
        Map<String, Object> row = fixture.jdbc().queryForMap("""
                SELECT pg_typeof(id)::text AS id_type, pg_typeof(metadata)::text AS metadata_type,
                       pg_typeof(created_at)::text AS time_type, conversation_id, user_id, role, content,
                       metadata = ?::jsonb AS metadata_equal, created_at, updated_at, deleted_at, revision
                  FROM messages WHERE id = ?""", JSON.writeValueAsString(metadata), message);
        assertThat(row.get("id_type")).isEqualTo("uuid");
        assertThat(row.get("metadata_type")).isEqualTo("jsonb");
        assertThat(row.get("time_type")).isEqualTo("timestamp with time zone");
        assertThat(row.get("conversation_id")).isEqualTo(conversation);
        assertThat(row.get("user_id")).isEqualTo(user);
        assertThat(row.get("role")).isEqualTo("assistant");
        assertThat(row.get("content")).isEqualTo(hostile);
        assertThat(row.get("metadata_equal")).isEqualTo(true);
        Instant expected = Instant.parse("2026-03-01T12:00:00.123456Z"); // offset applied, nanos truncated
        assertThat(instant(fixture.jdbc()
                        .queryForObject("SELECT created_at FROM messages WHERE id = ?", OffsetDateTime.class, message)))
                .isEqualTo(expected);
        assertThat(row.get("deleted_at")).isNull();
        assertThat(row.get("revision")).isEqualTo(1);

        Map<String, Object> conv = fixture.jdbc()
                .queryForMap(
                        "SELECT user_id, created_at = updated_at AS same FROM conversations WHERE id = ?",
                        conversation);
        assertThat(conv.get("user_id")).isEqualTo(user);
        assertThat(conv.get("same")).isEqualTo(true);
        assertThat(instant(fixture.jdbc()
                        .queryForObject(
                                "SELECT created_at FROM conversations WHERE id = ?",
                                OffsetDateTime.class,
                                conversation)))
                .isEqualTo(expected);
        assertThat(fixture.count("SELECT count(*) FROM messages WHERE content = ?", hostile))
                .isEqualTo(1);
    }

    @Test
    void duplicatesAndStaleRevisionsChangeNothing() {
        UUID conversation = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        MessageWrite first = created(conversation, user, message, 1, "one");
        MessageWrite third = updated(conversation, user, message, 3, "three");
        fixture.send(first, third);
        fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ? AND revision = 3", message);
        Map<String, Object> before = fixture.jdbc().queryForMap("SELECT * FROM messages WHERE id = ?", message);
        double noopsBefore = noops();

        MessageWrite sentinel = created(conversation, user, UUID.randomUUID(), 1, "sentinel");
        fixture.send(first, third, updated(conversation, user, message, 2, "two"), third, sentinel);
        fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", sentinel.messageId());

        assertThat(fixture.jdbc().queryForMap("SELECT * FROM messages WHERE id = ?", message))
                .isEqualTo(before);
        assertThat(noops() - noopsBefore).isEqualTo(4);
    }

    @Test
    void updatesApplyInRevisionOrderWhateverOrderTheyArriveIn() {
        UUID conversation = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID inOrder = UUID.randomUUID();
        UUID shuffled = UUID.randomUUID();
        fixture.send(
                created(conversation, user, inOrder, 1, "v1"),
                updated(conversation, user, inOrder, 2, "v2"),
                updated(conversation, user, inOrder, 3, "v3"));
        fixture.send(
                created(conversation, user, shuffled, 1, "v1"),
                updated(conversation, user, shuffled, 4, "v4"),
                updated(conversation, user, shuffled, 2, "v2"),
                updated(conversation, user, shuffled, 3, "v3"));

        fixture.awaitCount(
                1, "SELECT count(*) FROM messages WHERE id = ? AND content = 'v3' AND revision = 3", inOrder);
        fixture.awaitCount(
                1, "SELECT count(*) FROM messages WHERE id = ? AND content = 'v4' AND revision = 4", shuffled);
        assertThat(instant(fixture.jdbc()
                        .queryForObject(
                                "SELECT updated_at FROM conversations WHERE id = ?",
                                OffsetDateTime.class,
                                conversation)))
                .isEqualTo(Events.at(4));
    }

    @Test
    void aDeleteErasesContentAndMetadataAndAReplayedOlderCreateCannotBringThemBack() {
        UUID conversation = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        MessageWrite create = created(conversation, user, message, 1, "secret", "{\"tag\":\"private\"}");
        fixture.send(create, updated(conversation, user, message, 2, "edited"));
        fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ? AND revision = 2", message);
        fixture.send(deleted(conversation, user, message, 3));
        fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ? AND deleted_at IS NOT NULL", message);

        MessageWrite sentinel = created(conversation, user, UUID.randomUUID(), 1, "sentinel");
        fixture.send(create, updated(conversation, user, message, 9, "resurrected?"), sentinel);
        fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", sentinel.messageId());

        Map<String, Object> row = fixture.jdbc()
                .queryForMap(
                        "SELECT content, metadata, role, revision, deleted_at FROM messages WHERE id = ?", message);
        assertThat(row.get("content")).isNull();
        assertThat(row.get("metadata")).isNull();
        assertThat(row.get("role")).isEqualTo("user");
        assertThat(row.get("revision")).isEqualTo(3);
        assertThat(instant((Timestamp) row.get("deleted_at"))).isEqualTo(Events.at(3));
    }

    @Test
    void aDeleteBeforeItsCreateHolds() {
        UUID conversation = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        fixture.send(deleted(conversation, user, message, 2));
        fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", message);
        MessageWrite sentinel = created(conversation, user, UUID.randomUUID(), 1, "sentinel");
        fixture.send(created(conversation, user, message, 1, "late create"), sentinel);
        fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", sentinel.messageId());

        Map<String, Object> row = fixture.jdbc()
                .queryForMap(
                        "SELECT content, role, revision, deleted_at IS NOT NULL AS tombstone "
                                + "FROM messages WHERE id = ?",
                        message);
        assertThat(row.get("content")).isNull();
        assertThat(row.get("role")).isNull();
        assertThat(row.get("revision")).isEqualTo(2);
        assertThat(row.get("tombstone")).isEqualTo(true);
    }

    @Test
    void everyRejectionLandsOnTheDltWithItsReasonWhileTheValidRecordsOfTheSameBatchAndPartitionApply() {
        UUID conversation = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        String key = conversation.toString();
        MessageWrite valid1 = created(conversation, user, UUID.randomUUID(), 1, "valid 1");
        MessageWrite valid2 = created(conversation, user, UUID.randomUUID(), 1, "valid 2");
        MessageWrite valid3 = created(conversation, user, UUID.randomUUID(), 1, "valid 3");
        byte[] malformed = "{not json".getBytes(StandardCharsets.UTF_8);
        byte[] schemaViolation = new String(ENCODER.encode(valid1), StandardCharsets.UTF_8)
                .replace("\"revision\":1", "\"revision\":0")
                .getBytes(StandardCharsets.UTF_8);
        byte[] unsupported = new String(ENCODER.encode(valid1), StandardCharsets.UTF_8)
                .replace("\"schema_version\":1", "\"schema_version\":2")
                .getBytes(StandardCharsets.UTF_8);
        byte[] keyMismatch = ENCODER.encode(created(UUID.randomUUID(), user, UUID.randomUUID(), 1, "wrong key"));
        byte[] tooLarge =
                ENCODER.encode(created(conversation, user, UUID.randomUUID(), 1, "x".repeat(MAX_CONTENT_BYTES + 1)));
        byte[] ownerMismatch =
                ENCODER.encode(created(conversation, UUID.randomUUID(), UUID.randomUUID(), 1, "intruder"));
        Map<String, byte[]> expected = new LinkedHashMap<>();
        expected.put("malformed", malformed);
        expected.put("schema_violation", schemaViolation);
        expected.put("unsupported_version", unsupported);
        expected.put("key_mismatch", keyMismatch);
        expected.put("too_large", tooLarge);
        expected.put("owner_mismatch", ownerMismatch);

        whilePaused(() -> {
            fixture.send(valid1);
            expected.values().forEach(value -> fixture.sendRaw(key, value));
            fixture.send(valid2);
            fixture.sendRaw(null, ENCODER.encode(created(conversation, user, UUID.randomUUID(), 1, "no key")));
            fixture.send(valid3);
        });

        fixture.awaitCount(3, "SELECT count(*) FROM messages WHERE conversation_id = ?", conversation);
        List<ConsumerRecord<byte[], byte[]>> dead = fixture.deadLetters(7);
        for (Map.Entry<String, byte[]> entry : expected.entrySet()) {
            ConsumerRecord<byte[], byte[]> record = dead.stream()
                    .filter(r -> Arrays.equals(r.value(), entry.getValue()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no dead letter for " + entry.getKey()));
            assertThat(header(record, "dlt-reason")).as(entry.getKey()).isEqualTo(entry.getKey());
            assertThat(header(record, "dlt-detail")).as(entry.getKey()).isNotBlank();
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(key);
            assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(fixture.topic());
            int originalPartition = ByteBuffer.wrap(record.headers()
                            .lastHeader("kafka_dlt-original-partition")
                            .value())
                    .getInt();
            assertThat(record.partition()).isEqualTo(originalPartition);
            assertThat(record.headers().lastHeader("kafka_dlt-original-offset")).isNotNull();
            assertThat(header(record, "kafka_dlt-exception-fqcn")).isNotBlank();
        }
        assertThat(dead)
                .filteredOn(r -> r.key() == null)
                .singleElement()
                .satisfies(r -> assertThat(header(r, "dlt-reason")).isEqualTo("key_mismatch"));
    }

    @Test
    void aRecordTheDatabaseRefusesIsDeadLetteredWhileTheRestOfItsBatchAppliesAndThePartitionMovesOn() {
        fixture.jdbc()
                .execute("ALTER TABLE messages ADD CONSTRAINT test_no_forbidden_words "
                        + "CHECK (content IS NULL OR content NOT LIKE '%FORBIDDEN%')");
        try {
            UUID conversation = UUID.randomUUID();
            UUID user = UUID.randomUUID();
            MessageWrite refused = created(conversation, user, UUID.randomUUID(), 1, "a FORBIDDEN word");
            List<MessageWrite> fine = List.of(
                    created(conversation, user, UUID.randomUUID(), 1, "fine 1"),
                    created(conversation, user, UUID.randomUUID(), 1, "fine 2"));
            whilePaused(() -> fixture.send(fine.get(0), refused, fine.get(1)));
            fixture.awaitCount(2, "SELECT count(*) FROM messages WHERE conversation_id = ?", conversation);

            MessageWrite later = created(conversation, user, UUID.randomUUID(), 1, "later");
            fixture.send(later);
            fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", later.messageId());
            assertThat(fixture.count("SELECT count(*) FROM messages WHERE id = ?", refused.messageId()))
                    .isZero();
            ConsumerRecord<byte[], byte[]> dead = fixture.deadLetters(1).stream()
                    .filter(r -> "rejected_by_database".equals(header(r, "dlt-reason")))
                    .filter(r -> Arrays.equals(r.value(), ENCODER.encode(refused)))
                    .findFirst()
                    .orElseThrow();
            assertThat(header(dead, "dlt-detail"))
                    .contains("23514")
                    .contains("test_no_forbidden_words")
                    .doesNotContain("FORBIDDEN word");
        } finally {
            fixture.jdbc().execute("ALTER TABLE messages DROP CONSTRAINT test_no_forbidden_words");
        }
    }

    /** Runs {@code sending} with the consumer stopped, so what it sends arrives as one batch. */
    /**
     * Spring Boot gives the listener container a {@code BatchInterceptor} bean only when there is exactly one: a
     * second one (another observer added as a bean of its own) would silently switch off the misrouting count, the
     * lag in seconds and the batch spans. The container must run the one composite of IngestConfiguration.
     */
    @Test
    void theContainerRunsTheOneBatchInterceptorThatHoldsEveryBatchObserver() {
        @SuppressWarnings("rawtypes")
        Map<String, BatchInterceptor> interceptors = worker.getBeansOfType(BatchInterceptor.class);
        assertThat(interceptors).containsOnlyKeys("batchObservers");
        var container = (AbstractMessageListenerContainer<?, ?>) worker.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(MessageWriteListener.CONTAINER_ID);
        assertThat(container.getBatchInterceptor()).isSameAs(interceptors.get("batchObservers"));
    }

    private static void whilePaused(Runnable sending) {
        MessageListenerContainer container = worker.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(MessageWriteListener.CONTAINER_ID);
        container.pause();
        fixture.awaitTrue(container::isPauseRequested);
        sleep(1500); // let an in-flight poll return before the records go out
        sending.run();
        container.resume();
    }

    private static double noops() {
        return worker.getBean(MeterRegistry.class).counter("grizz.events.noop").count();
    }

    private static Instant instant(OffsetDateTime time) {
        return time.toInstant();
    }

    private static Instant instant(Timestamp time) {
        return time.toInstant();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
