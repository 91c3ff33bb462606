package io.grizz.worker.ops;

import static io.grizz.worker.support.Events.created;
import static io.grizz.worker.support.Events.updated;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.MessageWrite;
import io.grizz.worker.support.IngestFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator sees, checked against a worker that processed a known mix of events: the
 * counters on /actuator/prometheus, the persisted notifications, and logs free of secrets and
 * message content.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT {

    private static final String SECRET_CONTENT = "TOP-SECRET-CONTENT-7f3a";
    private static final String PASSWORD = "pa55-w0rd-never-logged";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void countersNotificationsAndLogsMatchAKnownMixOfEvents(CapturedOutput output) throws Exception {
        try (IngestFixture fixture = IngestFixture.create("observe", 2)) {
            String persistedTopic = fixture.topic() + ".persisted";
            fixture.stack().createTopic(persistedTopic, 2);
            ConfigurableApplicationContext worker = fixture.startWorker(Map.of(
                    "grizz.persisted-topic", persistedTopic,
                    "spring.datasource.password", PASSWORD,
                    "logging.level.io.grizz", "debug"));
            UUID conversation = UUID.randomUUID();
            UUID user = UUID.randomUUID();
            MessageWrite first = created(conversation, user, UUID.randomUUID(), 1, SECRET_CONTENT);
            MessageWrite second = created(conversation, user, UUID.randomUUID(), 1, SECRET_CONTENT + " 2");
            MessageWrite firstEdited = updated(conversation, user, first.messageId(), 2, SECRET_CONTENT + " edited");

            // one step at a time, so no two events of one message share a batch (nothing absorbed)
            fixture.send(first, second);
            fixture.awaitCount(2, "SELECT count(*) FROM messages WHERE conversation_id = ?", conversation);
            fixture.send(first, second, firstEdited); // 2 no-ops, 1 applied
            fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE revision = 2 AND id = ?", first.messageId());
            fixture.sendRaw(
                    conversation.toString(),
                    ("{\"content\":\"" + SECRET_CONTENT + "\"").getBytes(StandardCharsets.UTF_8));
            fixture.sendRaw(
                    UUID.randomUUID().toString(),
                    new io.grizz.contracts.MessageWriteEncoder()
                            .encode(created(conversation, user, UUID.randomUUID(), 1, SECRET_CONTENT))); // key_mismatch
            fixture.sendRaw(
                    conversation.toString(),
                    new io.grizz.contracts.MessageWriteEncoder()
                            .encode(created(
                                    conversation,
                                    UUID.randomUUID(),
                                    UUID.randomUUID(),
                                    1,
                                    SECRET_CONTENT))); // owner_mismatch
            assertThat(fixture.deadLetters(3)).hasSize(3);

            int port = ((WebServerApplicationContext) worker).getWebServer().getPort();
            String scrape = awaitScrape(port, "grizz_events_consumed_total", 8);
            assertThat(value(scrape, "grizz_events_consumed_total")).isEqualTo(8);
            assertThat(value(scrape, "grizz_events_applied_total")).isEqualTo(3);
            assertThat(value(scrape, "grizz_events_noop_total")).isEqualTo(2);
            assertThat(value(scrape, "grizz_events_dead_lettered_total", "reason=\"malformed\""))
                    .isEqualTo(1);
            assertThat(value(scrape, "grizz_events_dead_lettered_total", "reason=\"key_mismatch\""))
                    .isEqualTo(1);
            assertThat(value(scrape, "grizz_events_dead_lettered_total", "reason=\"owner_mismatch\""))
                    .isEqualTo(1);
            assertThat(value(scrape, "grizz_events_dead_lettered_total", "reason=\"too_large\""))
                    .isZero();
            assertThat(scrape)
                    .contains(
                            "grizz_batch_size_count",
                            "grizz_batch_persist_seconds_bucket",
                            "grizz_end_to_end_lag_seconds_bucket",
                            "hikaricp_connections_active",
                            "hikaricp_connections_idle",
                            "hikaricp_connections_pending",
                            "kafka_consumer_fetch_manager_records_lag_max",
                            "grizz_ingest_circuit_state");
            assertThat(scrape.lines().filter(l -> l.startsWith("grizz_events_consumed_total")))
                    .allSatisfy(l -> assertThat(l).contains("application=\"grizz-worker\""));

            // the two duplicates found their own state stored: announced again (at least once), deduped by a consumer
            List<JsonNode> notifications = notifications(persistedTopic, 5);
            assertThat(notifications).hasSize(5);
            assertThat(notifications.stream()
                            .map(n -> n.get("event_id").asString())
                            .distinct())
                    .containsExactlyInAnyOrder(
                            first.eventId().toString(),
                            second.eventId().toString(),
                            firstEdited.eventId().toString());
            JsonNode edited = notifications.stream()
                    .filter(n -> n.get("event_id")
                            .asString()
                            .equals(firstEdited.eventId().toString()))
                    .findFirst()
                    .orElseThrow();
            assertThat(edited.get("type").asString()).isEqualTo("message.updated");
            assertThat(edited.get("message_id").asString())
                    .isEqualTo(first.messageId().toString());
            assertThat(edited.get("conversation_id").asString()).isEqualTo(conversation.toString());
            assertThat(edited.get("user_id").asString()).isEqualTo(user.toString());
            assertThat(edited.get("revision").asInt()).isEqualTo(2);
            assertThat(edited.get("persisted_at").asString()).endsWith("Z");

            assertThat(output.getAll())
                    .contains("dead-lettered topic=")
                    .contains("batch records=")
                    .doesNotContain(SECRET_CONTENT)
                    .doesNotContain(PASSWORD);
        }
    }

    private static String awaitScrape(int port, String metric, double atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String scrape = "";
        while (System.nanoTime() < deadline) {
            scrape = HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            if (value(scrape, metric) >= atLeast) {
                return scrape;
            }
            Thread.sleep(200);
        }
        return scrape;
    }

    /** The value of a counter line, e.g. {@code grizz_events_applied_total{application="grizz-worker"} 3.0}. */
    private static double value(String scrape, String metric, String... labels) {
        Pattern line = Pattern.compile("^" + metric + "\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        while (m.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= m.group(1).contains(label);
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }

    private static List<JsonNode> notifications(String topic, int expected) {
        Properties config = new Properties();
        config.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                io.grizz.compose.testkit.TestStacks.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<JsonNode> notes = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (notes.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    notes.add(JSON.readTree(r.value()));
                }
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> notes.add(JSON.readTree(r.value())));
        }
        return notes;
    }
}
