package io.grizz.load.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.DecodeResult;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.load.measure.ProgressBar;
import io.grizz.load.workload.EventMix;
import io.grizz.load.workload.EventOrder;
import io.grizz.load.workload.EventRecorder;
import io.grizz.load.workload.EventStream;
import io.grizz.load.workload.FinalWriteTimes;
import io.grizz.load.workload.GeneratedWorkload;
import io.grizz.load.workload.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventPublisherTest {

    private static final String TOPIC = "message-writes.v1";

    @TempDir
    Path dir;

    private final GeneratedWorkload workload =
            GeneratedWorkload.generate(new WorkloadSpec(3_000, 40, EventMix.DEFAULT, 5, 50, 11), "pub");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final RunClock clock = RunClock.start();

    @Test
    void writersKeepEveryMessagesOrderOnItsConversationKey() throws Exception {
        FinalWriteTimes times = new FinalWriteTimes(workload.expected());
        PublishResult result = new EventPublisher(producer, TOPIC, clock, "test-run")
                .writers(workload, Pacing.asFastAsPossible(), times, null, ProgressBar.silent(3_000));

        assertThat(result.failed()).isFalse();
        assertThat(result.sent()).isEqualTo(3_000);
        assertThat(result.lastAckMicros()).isGreaterThanOrEqualTo(result.firstSendMicros());
        assertThat(producer.history()).hasSize(3_000);
        MessageWriteDecoder decoder = new MessageWriteDecoder();
        Map<UUID, Integer> revisions = new HashMap<>();
        for (ProducerRecord<byte[], byte[]> record : producer.history()) {
            assertThat(record.topic()).isEqualTo(TOPIC);
            DecodeResult decoded = decoder.decode(record.key(), record.value());
            assertThat(decoded.isValid())
                    .as("key = conversation id, valid v1 value")
                    .isTrue();
            MessageWrite event = decoded.event();
            assertThat(event.revision()).isEqualTo(revisions.getOrDefault(event.messageId(), 0) + 1);
            revisions.put(event.messageId(), event.revision());
        }
        for (int m = 0; m < workload.expected().messages(); m++) {
            assertThat(times.sentMicros(m))
                    .as("final write of message %d timed", m)
                    .isPositive();
        }
    }

    @Test
    void eachEventCarriesItsSendTimeAsOccurredAt() throws Exception {
        long before = clock.nowMicros();
        new EventPublisher(producer, TOPIC, clock, "test-run")
                .writers(
                        workload,
                        Pacing.asFastAsPossible(),
                        new FinalWriteTimes(workload.expected()),
                        null,
                        ProgressBar.silent(3_000));
        long after = clock.nowMicros();
        MessageWriteDecoder decoder = new MessageWriteDecoder();
        for (ProducerRecord<byte[], byte[]> record : producer.history()) {
            long occurred = toMicros(
                    decoder.decode(record.key(), record.value()).event().occurredAt());
            assertThat(occurred).isBetween(before, after);
        }
    }

    @Test
    void theRecordingHoldsEveryEventSent() throws Exception {
        Path file = dir.resolve("burst.jsonl");
        try (EventRecorder recorder = EventRecorder.create(file)) {
            new EventPublisher(producer, TOPIC, clock, "test-run")
                    .writers(
                            workload,
                            Pacing.asFastAsPossible(),
                            new FinalWriteTimes(workload.expected()),
                            recorder,
                            ProgressBar.silent(3_000));
        }
        assertThat(Files.readAllLines(file))
                .hasSize(3_000)
                .allSatisfy(line -> assertThat(line).startsWith("{\"schema_version\":1"));
    }

    @Test
    void aFailedSendStopsTheRunAndSaysWhich() throws Exception {
        producer.sendException = new KafkaException("broker gone");
        PublishResult result = new EventPublisher(producer, TOPIC, clock, "test-run")
                .writers(
                        workload,
                        Pacing.asFastAsPossible(),
                        new FinalWriteTimes(workload.expected()),
                        null,
                        ProgressBar.silent(3_000));
        assertThat(result.failed()).isTrue();
        assertThat(result.failure()).contains("broker gone").contains("seq");
        assertThat(result.sent()).isLessThan(3_000);
    }

    @Test
    void aScheduledEventCarriesItsDueTimeEvenWhenSentLate() throws Exception {
        long start = clock.nowMicros() - 60_000_000L;
        int[] lengths = Arrays.stream(workload.streams())
                .mapToInt(EventStream::remaining)
                .toArray();
        Pacing pacing = Pacing.spread(start, 1_000_000, lengths);
        new EventPublisher(producer, TOPIC, clock, "test-run")
                .writers(workload, pacing, new FinalWriteTimes(workload.expected()), null, ProgressBar.silent(3_000));
        MessageWriteDecoder decoder = new MessageWriteDecoder();
        for (ProducerRecord<byte[], byte[]> record : producer.history()) {
            long occurred = toMicros(
                    decoder.decode(record.key(), record.value()).event().occurredAt());
            assertThat(occurred).as("the schedule's time, a minute ago").isBetween(start, start + 1_000_000);
        }
    }

    @Test
    void writersWaitForTheirTurn() throws Exception {
        long start = clock.nowMicros() + 200_000;
        int[] lengths = Arrays.stream(workload.streams())
                .mapToInt(EventStream::remaining)
                .toArray();
        new EventPublisher(producer, TOPIC, clock, "test-run")
                .writers(
                        workload,
                        Pacing.spread(start, 300_000, lengths),
                        new FinalWriteTimes(workload.expected()),
                        null,
                        ProgressBar.silent(3_000));
        assertThat(clock.nowMicros())
                .as("the last events were due near the end of the schedule")
                .isGreaterThan(start + 250_000);
        assertThat(producer.history()).hasSize(3_000);
    }

    @Test
    void prefillSendsEverythingWithoutWaitingForEachAcknowledgement() {
        FinalWriteTimes times = new FinalWriteTimes(workload.expected());
        PublishResult result = new EventPublisher(producer, TOPIC, clock, "test-run")
                .prefill(workload, times, ProgressBar.silent(3_000));
        assertThat(result.sent()).isEqualTo(3_000);
        assertThat(producer.history()).hasSize(3_000);
        assertThat(result.ratePerSecond()).isPositive();
    }

    @Test
    void aRoundRobinPrefillSendsEventIToConversationIModN() {
        // 1,200 created events in 120 conversations of 10 messages; 40 writers, so 3 conversations each
        GeneratedWorkload roundRobin = GeneratedWorkload.generate(
                new WorkloadSpec(1_200, 40, EventMix.CREATED_ONLY, 10, 50, 11, EventOrder.ROUND_ROBIN), "rr");
        new EventPublisher(producer, TOPIC, clock, "test-run")
                .prefill(roundRobin, new FinalWriteTimes(roundRobin.expected()), ProgressBar.silent(1_200));

        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(1_200);
        int conversations = roundRobin.conversations();
        assertThat(conversations).isEqualTo(120);
        MessageWriteDecoder decoder = new MessageWriteDecoder();
        for (int i = 0; i < sent.size(); i++) {
            UUID conversation = decoder.decode(sent.get(i).key(), sent.get(i).value())
                    .event()
                    .conversationId();
            assertThat(conversation)
                    .as("event %d", i)
                    .isEqualTo(decoder.decode(
                                    sent.get(i % conversations).key(),
                                    sent.get(i % conversations).value())
                            .event()
                            .conversationId());
        }
        assertThat(sent.subList(0, conversations).stream()
                        .map(record -> new String(record.key(), StandardCharsets.UTF_8))
                        .distinct())
                .as("the first N events go to N different conversations")
                .hasSize(conversations);
    }

    private static long toMicros(java.time.Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
