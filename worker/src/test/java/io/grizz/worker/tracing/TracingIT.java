package io.grizz.worker.tracing;

import static io.grizz.worker.support.IngestFixture.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteEncoder;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.HeadlessChromium;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.ZipkinServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/contract.md §7, tracing, against a real Zipkin server: a producer's span (posted to Zipkin as the
 * producer's own tracer would) and its record's {@code traceparent}; the worker's batch span links it, the
 * database write and the announcement are child spans of the batch, and the announcement carries the event's
 * {@code traceparent}. A malformed record with a {@code traceparent} of its own ends on the dead-letter topic
 * with it, and its batch has a dead-letter span.
 */
class TracingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MessageWriteEncoder ENCODER = new MessageWriteEncoder();
    private static final Random RANDOM = new Random();

    @Test
    void oneEventIsFollowedFromItsProducerThroughTheBatchTheWriteAndTheAnnouncement() throws Exception {
        assumeTrue(Files.isRegularFile(ZipkinServer.jar()), "needs the Zipkin jar the build copies: ./mvnw verify");
        try (ZipkinServer zipkin = ZipkinServer.start();
                IngestFixture fixture = IngestFixture.create("tracing", 1)) {
            String persisted = fixture.topic() + ".persisted";
            fixture.stack().createTopic(persisted, 1);
            fixture.startWorker(Map.of(
                    "grizz.persisted-topic",
                    persisted,
                    "management.tracing.export.enabled",
                    "true",
                    "management.tracing.export.zipkin.endpoint",
                    zipkin.spansEndpoint(),
                    "management.tracing.sampling.probability",
                    "1.0"));
            fixture.awaitSchema();

            // the producer's span, as its own tracer would report it
            String traceId = hex(16);
            String producerSpan = hex(8);
            zipkin.post("[{\"traceId\":\"" + traceId + "\",\"id\":\"" + producerSpan + "\",\"name\":\"send\","
                    + "\"kind\":\"PRODUCER\",\"timestamp\":" + System.currentTimeMillis() * 1000
                    + ",\"duration\":1000,\"localEndpoint\":{\"serviceName\":\"chat-engine\"}}]");
            String traceparent = "00-" + traceId + "-" + producerSpan + "-01";
            MessageWrite event = Events.created(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, "traced");
            String badTrace = hex(16);
            String badParent = "00-" + badTrace + "-" + hex(8) + "-01";
            try (KafkaProducer<byte[], byte[]> producer = producer(fixture)) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                        fixture.topic(),
                        event.conversationId().toString().getBytes(StandardCharsets.UTF_8),
                        ENCODER.encode(event));
                record.headers().add(TraceParent.HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
                producer.send(record).get();
                ProducerRecord<byte[], byte[]> malformed = new ProducerRecord<>(
                        fixture.topic(),
                        UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8),
                        "{not json".getBytes(StandardCharsets.UTF_8));
                malformed.headers().add(TraceParent.HEADER, badParent.getBytes(StandardCharsets.US_ASCII));
                producer.send(malformed).get();
            }
            fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", event.messageId());

            // the announcement and the dead letter carry their event's traceparent
            ConsumerRecord<byte[], byte[]> announcement = firstRecord(fixture, persisted);
            assertThat(header(announcement, TraceParent.HEADER)).isEqualTo(traceparent);
            List<ConsumerRecord<byte[], byte[]>> dead = fixture.deadLetters(1);
            assertThat(dead)
                    .singleElement()
                    .satisfies(d -> assertThat(header(d, TraceParent.HEADER)).isEqualTo(badParent));

            // in Zipkin: the batch span that links the producer's span, and its children
            AtomicReference<JsonNode> batchTrace = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .conditionEvaluationListener(condition -> {
                        if (condition.getRemainingTimeInMS() <= 1000) {
                            System.out.println("Zipkin services: " + zipkin.get("/api/v2/services")
                                    + "\nZipkin traces: " + zipkin.get("/api/v2/traces?limit=20"));
                        }
                    })
                    .until(() -> {
                        batchTrace.set(traceLinking(zipkin, traceId, producerSpan));
                        return batchTrace.get() != null
                                && spanNames(batchTrace.get()).contains("grizz.batch.announce");
                    });
            List<String> names = spanNames(batchTrace.get());
            assertThat(names).contains("grizz.batch", "grizz.batch.write", "grizz.batch.announce");
            JsonNode batch = span(batchTrace.get(), "grizz.batch");
            assertThat(batch.get("kind").asString()).isEqualTo("CONSUMER");
            for (String child : List.of("grizz.batch.write", "grizz.batch.announce")) {
                assertThat(span(batchTrace.get(), child).get("parentId").asString())
                        .as(child + " is a child of the batch")
                        .isEqualTo(batch.get("id").asString());
            }
            // the dead letter's batch (the same one, or another) links the bad record and has its dead-letter span
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        JsonNode trace = traceLinking(zipkin, badTrace, null);
                        return trace != null && spanNames(trace).contains("grizz.batch.dead-letters");
                    });

            // what an operator sees: the batch's trace in Zipkin's UI (the picture in docs/operations.md, "Tracing")
            if (HeadlessChromium.binary() != null) {
                Path png = HeadlessChromium.screenshot(
                        zipkin.ui("/traces/" + batch.get("traceId").asString()),
                        Path.of("target", "zipkin", "trace.png"),
                        15_000);
                assertThat(Files.size(png)).as("a PNG of the trace page").isGreaterThan(10_000);
            } else {
                System.out.println("TracingIT: no chromium on the PATH, no screenshot of the trace in Zipkin's UI");
            }
        }
    }

    /** The worker's trace whose batch span links {@code traceId} (and {@code spanId}, when given); null if none yet. */
    private static JsonNode traceLinking(ZipkinServer zipkin, String traceId, String spanId) {
        JsonNode traces =
                JSON.readTree(zipkin.get("/api/v2/traces?serviceName=grizz-worker&spanName=grizz.batch&limit=100"));
        for (JsonNode trace : traces) {
            for (JsonNode span : trace) {
                JsonNode tags = span.get("tags");
                if (tags == null || !"grizz.batch".equals(span.get("name").asString())) {
                    continue;
                }
                for (var field : tags.properties()) {
                    String key = field.getKey();
                    if (key.startsWith("links[")
                            && key.endsWith("].traceId")
                            && field.getValue().asString().equals(traceId)) {
                        String index = key.substring(0, key.length() - ".traceId".length());
                        JsonNode linkedSpan = tags.get(index + ".spanId");
                        if (spanId == null
                                || (linkedSpan != null && linkedSpan.asString().equals(spanId))) {
                            return trace;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static List<String> spanNames(JsonNode trace) {
        List<String> names = new ArrayList<>();
        trace.forEach(span -> names.add(span.get("name").asString()));
        return names;
    }

    private static JsonNode span(JsonNode trace, String name) {
        for (JsonNode span : trace) {
            if (name.equals(span.get("name").asString())) {
                return span;
            }
        }
        throw new AssertionError("no span " + name + " in " + trace);
    }

    private static ConsumerRecord<byte[], byte[]> firstRecord(IngestFixture fixture, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.stack().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "trace-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    return record;
                }
            }
        }
        throw new AssertionError("no announcement on " + topic);
    }

    private static KafkaProducer<byte[], byte[]> producer(IngestFixture fixture) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.stack().kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        random[0] |= 1; // never all zero
        return HexFormat.of().formatHex(random);
    }
}
