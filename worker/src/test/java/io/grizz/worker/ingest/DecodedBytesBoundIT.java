package io.grizz.worker.ingest;

import static io.grizz.worker.support.IngestFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.DeadLetterHeaders;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.contracts.MessageWriteEncoder;
import io.grizz.worker.batch.OmittedValue;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.WorkerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * docs/contract.md §3: the worker's memory is bounded by what it decodes, not by what Kafka stores.
 * A burst of zstd records, each a few hundred bytes on the topic and 1 MB decoded, and a record with
 * 64 MiB of metadata, all on one partition, through a worker at -Xmx512m: every valid event applied,
 * the large one dead-lettered {@code too_large}, one process alive throughout.
 */
class DecodedBytesBoundIT {

    private static final MessageWriteEncoder ENCODER = new MessageWriteEncoder();
    private static final int BURST = 2_000;
    private static final int CONTENT_CHARS = 1_000_000;
    private static final int METADATA_BYTES = 64 << 20;
    private static final int SMALL = 5;

    @Test
    void aBurstOfHighlyCompressedRecordsIsDrainedAtFiveHundredTwelveMebibytesOfHeap() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("decoded_bound", 1);
                WorkerProcess worker = WorkerProcess.start(fixture.environment(), "-Xmx512m", "-Xlog:gc")) {
            long started = System.nanoTime();
            long pid = worker.pid();
            UUID user = UUID.randomUUID();
            UUID conversation = UUID.randomUUID();
            int bombSize = produceBurstThenBomb(fixture, conversation, user);
            List<UUID> small = new ArrayList<>();
            for (int i = 0; i < SMALL; i++) {
                UUID message = UUID.randomUUID();
                small.add(message);
                fixture.send(Events.created(conversation, user, message, 1, "small " + i));
            }
            fixture.flush();

            fixture.awaitSchema();
            long deadline = started + Duration.ofMinutes(5).toNanos();
            long applied = 0;
            while (applied < BURST + SMALL && System.nanoTime() < deadline) {
                assertThat(worker.isAlive())
                        .as("the worker is alive; log: %s", worker.log())
                        .isTrue();
                Thread.sleep(1_000);
                applied = fixture.count("SELECT count(*) FROM messages");
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            String log = worker.logText();
            System.out.println("DecodedBytesBoundIT: worker pid " + pid + ", " + applied + " applied " + seconds
                    + " s after its start; peak RSS (VmHWM) " + peakRss(pid) + ", most heap after a GC "
                    + mostHeapAfterGc(log) + " MiB");

            assertThat(applied).as("applied within 5 minutes").isEqualTo(BURST + SMALL);
            assertThat(fixture.count("SELECT count(*) FROM messages WHERE length(content) = ?", CONTENT_CHARS))
                    .isEqualTo(BURST);
            for (UUID message : small) {
                assertThat(fixture.count("SELECT count(*) FROM messages WHERE id = ?", message))
                        .isOne();
            }
            assertThat(worker.isAlive()).isTrue();
            assertThat(worker.pid()).isEqualTo(pid);
            assertThat(log).doesNotContain("OutOfMemoryError");
            assertThat(log).as("a full poll is no error").doesNotContain(" ERROR ");
            assertThat(log.split("Started GrizzWorkerApplication", -1))
                    .as("started once, never restarted")
                    .hasSize(2);

            List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.deadLetters(1);
            assertThat(deadLetters).hasSize(1);
            ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
            assertThat(header(deadLetter, DeadLetterHeaders.REASON)).isEqualTo("too_large");
            assertThat(header(deadLetter, DeadLetterHeaders.DETAIL))
                    .isEqualTo("value is " + bombSize + " bytes, over the event limit of 2097152");
            assertThat(deadLetter.value()).isEmpty();
            assertThat(header(deadLetter, DeadLetterHeaders.VALUE_OMITTED)).isEqualTo(Integer.toString(bombSize));
        }
    }

    /** The burst, then the event with 64 MiB of metadata; returns that event's size. */
    private static int produceBurstThenBomb(IngestFixture fixture, UUID conversation, UUID user) throws Exception {
        try (KafkaProducer<byte[], byte[]> zstd = zstdProducer(fixture)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                MessageWrite event = Events.created(conversation, user, UUID.randomUUID(), 1, content(i));
                sent.add(zstd.send(record(fixture, event)));
            }
            String metadata = "{\"blob\":\"" + "m".repeat(METADATA_BYTES) + "\"}";
            byte[] bomb = ENCODER.encode(Events.created(conversation, user, UUID.randomUUID(), 1, "tiny", metadata));
            sent.add(zstd.send(new ProducerRecord<>(fixture.topic(), MessageWriteEncoder.key(conversation), bomb)));
            for (Future<RecordMetadata> send : sent) {
                send.get();
            }
            return bomb.length;
        }
    }

    /**
     * What the bound relies on, with a real consumer: a poll that is full hands on the records before
     * the one that does not fit, without an error, and the next poll begins with that one.
     */
    @Test
    void aFullPollLeavesTheRestForTheNextPollInOrderWithoutAnError() throws Exception {
        int records = 30;
        int valueBytes = 100_000;
        long budget = 350_000;
        try (IngestFixture fixture = IngestFixture.create("decoded_polls", 1)) {
            for (int i = 0; i < records; i++) {
                byte[] value = new byte[i == 7 ? 3 * valueBytes : valueBytes];
                value[0] = (byte) i;
                fixture.sendRaw("key", value);
            }
            fixture.flush();

            MessageWriteDecoder decoder = new MessageWriteDecoder(valueBytes, 2 * valueBytes);
            List<Long> offsets = new ArrayList<>();
            List<Long> oversized = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                    consumerConfig(fixture),
                    new ByteArrayDeserializer(),
                    new BoundedValueDeserializer(decoder, budget))) {
                consumer.subscribe(List.of(fixture.topic()));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (offsets.size() < records && System.nanoTime() < deadline) {
                    ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(500));
                    long decoded = 0;
                    for (ConsumerRecord<byte[], byte[]> record : polled) {
                        offsets.add(record.offset());
                        if (OmittedValue.sizeOf(record) != OmittedValue.KEPT) {
                            oversized.add(record.offset());
                        } else {
                            assertThat(record.value()[0]).isEqualTo((byte) record.offset());
                            decoded += record.value().length;
                        }
                    }
                    assertThat(decoded).as("decoded bytes of one poll").isLessThanOrEqualTo(budget);
                }
            }
            assertThat(offsets).as("every record once, in order").containsExactlyElementsOf(range(records));
            assertThat(oversized).containsExactly(7L);
        }
    }

    private static Map<String, Object> consumerConfig(IngestFixture fixture) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.stack().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "polls-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, PollEndInterceptor.class.getName());
        return config;
    }

    private static List<Long> range(int n) {
        List<Long> offsets = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            offsets.add(i);
        }
        return offsets;
    }

    /** 1,000,000 characters that compress to almost nothing, and differ from event to event. */
    private static String content(int event) {
        String line = "event " + event + ": the same line again and again, so zstd keeps it small. ";
        StringBuilder content = new StringBuilder(CONTENT_CHARS + line.length());
        while (content.length() < CONTENT_CHARS) {
            content.append(line);
        }
        content.setLength(CONTENT_CHARS);
        return content.toString();
    }

    private static ProducerRecord<byte[], byte[]> record(IngestFixture fixture, MessageWrite event) {
        return new ProducerRecord<>(
                fixture.topic(), MessageWriteEncoder.key(event.conversationId()), ENCODER.encode(event));
    }

    private static KafkaProducer<byte[], byte[]> zstdProducer(IngestFixture fixture) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.stack().kafkaBootstrapServers());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 96 << 20);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L << 20);
        // a dozen or so events to a producer batch, compressed together: the consumer stops a poll mid-batch
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 16 << 20);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The largest heap occupancy after a collection in the worker's {@code -Xlog:gc} lines ("…M->123M(512M)"). */
    private static long mostHeapAfterGc(String log) {
        Matcher after = Pattern.compile("\\d+M->(\\d+)M\\(\\d+M\\)").matcher(log);
        long most = 0;
        while (after.find()) {
            most = Math.max(most, Long.parseLong(after.group(1)));
        }
        return most;
    }

    /** {@code VmHWM} of /proc/<pid>/status: the process's peak resident set. */
    private static String peakRss(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .map(line -> line.substring("VmHWM:".length()).trim())
                .findFirst()
                .orElse("unknown");
    }
}
