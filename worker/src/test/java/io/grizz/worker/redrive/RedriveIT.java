package io.grizz.worker.redrive;

import static io.grizz.worker.support.Events.created;
import static io.grizz.worker.support.IngestFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.DeadLetterHeaders;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteEncoder;
import io.grizz.worker.support.IngestFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The redrive runbook on the real local stack, with the worker running in this JVM: records the
 * database refused are fixed (the constraint goes) and redriven by reason; a malformed one is
 * redriven too and comes back to the DLT; the dry run before changes nothing.
 */
class RedriveIT {

    private static final MessageWriteEncoder ENCODER = new MessageWriteEncoder();
    private static final String CONSTRAINT = "test_no_forbidden_words";

    private static IngestFixture fixture;
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void startWorker() {
        fixture = IngestFixture.create("redrive", 2);
        fixture.startWorker();
        fixture.awaitSchema();
        fixture.awaitTrue(() -> !endOffsets(fixture.deadLetterTopic()).isEmpty()); // the worker creates the DLT
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.stack().kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        fixture.close();
    }

    @Test
    void fixedRecordsRedrivenByReasonAreAppliedAndRecordsThatStillFailLandOnTheDltAgain() throws Exception {
        fixture.jdbc()
                .execute("ALTER TABLE messages ADD CONSTRAINT " + CONSTRAINT
                        + " CHECK (content IS NULL OR content NOT LIKE '%FORBIDDEN%')");
        UUID user = UUID.randomUUID();
        MessageWrite refused1 = created(UUID.randomUUID(), user, UUID.randomUUID(), 1, "a FORBIDDEN word");
        MessageWrite refused2 = created(UUID.randomUUID(), user, UUID.randomUUID(), 1, "FORBIDDEN again");
        MessageWrite fine = created(refused1.conversationId(), user, UUID.randomUUID(), 1, "fine");
        String malformedKey = UUID.randomUUID().toString();
        byte[] malformed = "{not json, secret text".getBytes(StandardCharsets.UTF_8);
        send(refused1.conversationId().toString(), ENCODER.encode(refused1), "traceparent", "00-trace-1-01");
        send(refused2.conversationId().toString(), ENCODER.encode(refused2), null, null);
        send(malformedKey, malformed, "traceparent", "00-trace-2-01");
        send(fine.conversationId().toString(), ENCODER.encode(fine), null, null);
        fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", fine.messageId());
        List<ConsumerRecord<byte[], byte[]>> dead = fixture.deadLetters(3);
        assertThat(dead)
                .extracting(r -> header(r, "dlt-reason"))
                .containsExactlyInAnyOrder("rejected_by_database", "rejected_by_database", "malformed");

        // 1. the dry run lists the three, shows no content, and changes nothing
        Map<TopicPartition, Long> dltBefore = endOffsets(fixture.deadLetterTopic());
        Map<TopicPartition, Long> topicBefore = endOffsets(fixture.topic());
        Run dryRun = redrive("--dry-run", "--all-reasons");
        assertThat(dryRun.exitCode).isZero();
        assertThat(dryRun.listed())
                .hasSize(3)
                .anySatisfy(line -> assertThat(line)
                        .contains("reason=malformed")
                        .contains("key=" + malformedKey)
                        .contains("-> " + fixture.topic()))
                .filteredOn(line -> line.contains("reason=rejected_by_database"))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("23514").contains(CONSTRAINT));
        assertThat(dryRun.out)
                .contains("3 of 3 dead letters read matched; dry run: nothing sent")
                .doesNotContain("FORBIDDEN")
                .doesNotContain("secret text");
        Thread.sleep(2000); // time for anything sent by mistake to arrive
        assertThat(endOffsets(fixture.deadLetterTopic())).isEqualTo(dltBefore);
        assertThat(endOffsets(fixture.topic())).isEqualTo(topicBefore);
        assertThat(fixture.count(
                        "SELECT count(*) FROM messages WHERE id IN (?, ?)", refused1.messageId(), refused2.messageId()))
                .isZero();

        // 2. the cause is fixed; the records the database refused go back and are applied
        fixture.jdbc().execute("ALTER TABLE messages DROP CONSTRAINT " + CONSTRAINT);
        Run redrive = redrive("--reason", "rejected_by_database");
        assertThat(redrive.exitCode).as(redrive.err).isZero();
        assertThat(redrive.out).contains("2 of 3 dead letters read matched; 2 sent to " + fixture.topic());
        fixture.awaitCount(
                1, "SELECT count(*) FROM messages WHERE id = ? AND content = 'a FORBIDDEN word'", refused1.messageId());
        fixture.awaitCount(
                1, "SELECT count(*) FROM messages WHERE id = ? AND content = 'FORBIDDEN again'", refused2.messageId());
        List<ConsumerRecord<byte[], byte[]>> resent = readFrom(fixture.topic(), topicBefore, 2);
        assertThat(resent)
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(
                        new String(ENCODER.encode(refused1), StandardCharsets.UTF_8),
                        new String(ENCODER.encode(refused2), StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> resent1 = resent.stream()
                .filter(r -> Arrays.equals(r.value(), ENCODER.encode(refused1)))
                .findFirst()
                .orElseThrow();
        assertThat(new String(resent1.key(), StandardCharsets.UTF_8))
                .isEqualTo(refused1.conversationId().toString());
        assertThat(header(resent1, "traceparent")).isEqualTo("00-trace-1-01");
        assertThat(resent1.headers()).noneMatch(h -> DeadLetterHeaders.isDeadLetterHeader(h.key()));

        // 3. the malformed record is still malformed: redriven, it is dead-lettered again, with fresh headers
        Map<TopicPartition, Long> topicBeforeMalformed = endOffsets(fixture.topic());
        Run again = redrive("--reason", "malformed");
        assertThat(again.exitCode).as(again.err).isZero();
        assertThat(again.out).contains("1 of 3 dead letters read matched; 1 sent");
        List<ConsumerRecord<byte[], byte[]>> deadAgain = fixture.deadLetters(4);
        assertThat(deadAgain).hasSize(4);
        ConsumerRecord<byte[], byte[]> latest = deadAgain.stream()
                .filter(r -> Arrays.equals(r.value(), malformed))
                .max((a, b) -> Long.compare(a.offset(), b.offset()))
                .orElseThrow();
        assertThat(latest.offset())
                .isGreaterThanOrEqualTo(
                        dltBefore.get(new TopicPartition(fixture.deadLetterTopic(), latest.partition())));
        assertThat(latest.headers().headers("dlt-reason")).hasSize(1);
        assertThat(header(latest, "dlt-reason")).isEqualTo("malformed");
        assertThat(header(latest, "traceparent")).isEqualTo("00-trace-2-01");
        long originalOffset = ByteBuffer.wrap(
                        latest.headers().lastHeader("kafka_dlt-original-offset").value())
                .getLong();
        int originalPartition = ByteBuffer.wrap(latest.headers()
                        .lastHeader("kafka_dlt-original-partition")
                        .value())
                .getInt();
        assertThat(originalOffset)
                .as("the offset of the redriven copy, not of the first attempt")
                .isGreaterThanOrEqualTo(
                        topicBeforeMalformed.get(new TopicPartition(fixture.topic(), originalPartition)));

        // 4. an offset range picks exactly one dead letter
        ConsumerRecord<byte[], byte[]> first = dead.stream()
                .filter(r -> Arrays.equals(r.value(), ENCODER.encode(refused1)))
                .findFirst()
                .orElseThrow();
        Run one = redrive(
                "--dry-run",
                "--all-reasons",
                "--partition",
                Integer.toString(first.partition()),
                "--from-offset",
                Long.toString(first.offset()),
                "--to-offset",
                Long.toString(first.offset()));
        assertThat(one.listed())
                .singleElement()
                .asString()
                .startsWith(
                        "partition=" + first.partition() + " offset=" + first.offset() + " reason=rejected_by_database")
                .contains("key=" + refused1.conversationId());
    }

    @Test
    void theDocumentedCommandRunsFromTheWorkerJarWithItsSettingsFromTheEnvironment() throws Exception {
        Path out = Files.createTempFile("redrive-", ".out");
        Path err = Files.createTempFile("redrive-", ".err");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        System.getProperty("grizz.worker.jar", "target/grizz-worker.jar"),
                        "redrive",
                        "--dry-run",
                        "--all-reasons")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", fixture.stack().kafkaBootstrapServers());
        builder.environment().put("GRIZZ_TOPIC", fixture.topic());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0))
                .isEqualTo("dry run, nothing will be sent. reading " + fixture.deadLetterTopic()
                        + " all partitions, offsets beginning..end at start, reasons all");
        assertThat(lines)
                .as("the listing only: no log lines on stdout")
                .allMatch(line -> line.startsWith("dry run")
                        || line.startsWith("partition=")
                        || line.matches("\\d+ of \\d+ dead letters read matched.*")
                        || line.startsWith("left where they are")
                        || line.startsWith("read up to"));
    }

    @Test
    void aMissingDeadLetterTopicOrAnUnknownReasonFailsWithAMessageInsteadOfRedrivingNothing() {
        Run missing = redrive("--topic", "no-such-topic-" + UUID.randomUUID(), "--dry-run", "--all-reasons");
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.err).contains("does not exist");

        Run typo = redrive("--reason", "rejected-by-database");
        assertThat(typo.exitCode).isEqualTo(2);
        assertThat(typo.err).contains("unknown reason rejected-by-database");
    }

    @Test
    void aRedriveThatDoesNotSayWhichReasonsExitsTwoAndSendsNothing() {
        Map<TopicPartition, Long> topicBefore = endOffsets(fixture.topic());
        Run unsaid = redrive();
        assertThat(unsaid.exitCode).isEqualTo(2);
        assertThat(unsaid.err)
                .contains("say which dead letters to redrive: --reason CODE")
                .contains("--all-reasons");
        Run both = redrive("--reason", "malformed", "--all-reasons");
        assertThat(both.exitCode).isEqualTo(2);
        assertThat(both.err).contains("exclude each other");
        assertThat(endOffsets(fixture.topic())).isEqualTo(topicBefore);
    }

    private static Run redrive(String... args) {
        List<String> all =
                new ArrayList<>(List.of("--bootstrap-servers", fixture.stack().kafkaBootstrapServers()));
        if (!List.of(args).contains("--topic")) {
            all.addAll(List.of("--topic", fixture.topic()));
        }
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new RedriveCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
        List<String> listed() {
            return out.lines().filter(line -> line.startsWith("partition=")).toList();
        }
    }

    private static void send(String key, byte[] value, String headerName, String headerValue) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(fixture.topic(), key.getBytes(StandardCharsets.UTF_8), value);
        if (headerName != null) {
            record.headers().add(headerName, headerValue.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record);
        producer.flush();
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** The records of {@code topic} at or after {@code from}, waiting for at least {@code expected}. */
    private static List<ConsumerRecord<byte[], byte[]>> readFrom(
            String topic, Map<TopicPartition, Long> from, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.stack().kafkaBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
