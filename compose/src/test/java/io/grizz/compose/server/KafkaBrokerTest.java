package io.grizz.compose.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    private static KafkaBroker kafka;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaBroker.start(KafkaBroker.Options.defaults());
    }

    @AfterAll
    static void closeBroker() {
        kafka.close();
    }

    @Test
    void keepsRecordsAcrossACleanStopAndAStart() throws Exception {
        kafka.createTopic("restart-test", 3);
        produce("restart-test", "before-stop");

        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        kafka.start();

        produce("restart-test", "after-start");
        assertThat(consumeAll("restart-test", 2)).containsExactlyInAnyOrder("before-stop", "after-start");
        assertThat(Files.readString(kafka.logFile())).contains("Kafka Server started");
    }

    @Test
    void recoversAfterACrash() throws Exception {
        kafka.createTopic("crash-test", 1);
        produce("crash-test", "before-crash");

        kafka.kill();
        kafka.start();

        assertThat(consumeAll("crash-test", 1)).containsExactly("before-crash");
    }

    @Test
    void doesNotCreateTopicsAutomatically() {
        assertThatThrownBy(() -> produce("never-created", "lost", 1_500))
                .hasMessageContaining("not present in metadata");
    }

    @Test
    void refusesToCreateATopicTwice() {
        kafka.createTopic("twice", 1);
        assertThatThrownBy(() -> kafka.createTopic("twice", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("twice")
                .hasMessageContaining("already exists");
    }

    private static void produce(String topic, String value) throws Exception {
        produce(topic, value, 10_000);
    }

    private static void produce(String topic, String value, int maxBlockMillis) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        maxBlockMillis),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get();
        }
    }

    private static List<String> consumeAll(String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
