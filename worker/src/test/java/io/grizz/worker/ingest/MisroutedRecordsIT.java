package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.ProducerScript;
import io.grizz.worker.support.PrometheusScrape;
import io.grizz.worker.support.StoredEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * docs/producers.md's Python producer (src/test/resources/producers/librdkafka_producer.py, on Debian's
 * python3-confluent-kafka) against the real stack: with {@code partitioner=murmur2_random} every event it sends is
 * stored as sent, each record on its key's murmur2 partition, and {@code grizz_events_misrouted_total} stays 0.
 * With librdkafka's default partitioner (consistent_random, CRC32) the worker still applies everything, and counts
 * in that meter exactly the records that sit on another partition than their key's (docs/contract.md §3).
 */
class MisroutedRecordsIT {

    private static final String PYTHON = "/usr/bin/python3";
    private static final int PARTITIONS = 4;
    private static final int EVENTS = 40;

    @BeforeAll
    static void needsConfluentKafka() {
        assumeTrue(
                ProducerScript.succeeds(PYTHON, "-c", "import confluent_kafka"),
                "needs " + PYTHON + " with confluent_kafka: apt-get install -y python3-confluent-kafka");
    }

    @Test
    void murmur2RandomIsStoredAsSentAndLibrdkafkasDefaultPartitionerIsCounted() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("misrouted", PARTITIONS)) {
            ConfigurableApplicationContext worker = fixture.startWorker();
            int port = ((WebServerApplicationContext) worker).getWebServer().getPort();

            List<JsonNode> murmur = produce(fixture, "murmur2_random");
            assertThat(murmur).hasSize(EVENTS);
            fixture.awaitCount(EVENTS, "SELECT count(*) FROM messages");
            StoredEvents.assertStoredAsSent(fixture.jdbc(), murmur);
            assertThat(StoredEvents.offTheirKeysPartition(fixture.records(EVENTS), PARTITIONS))
                    .as("murmur2_random places keys as Java does")
                    .isZero();
            assertThat(misrouted(port)).as("grizz_events_misrouted_total").isZero();

            List<JsonNode> crc = produce(fixture, "consistent_random");
            assertThat(crc).hasSize(EVENTS);
            fixture.awaitCount(2 * EVENTS, "SELECT count(*) FROM messages");
            StoredEvents.assertStoredAsSent(fixture.jdbc(), crc);
            long offTheirPartition = StoredEvents.offTheirKeysPartition(fixture.records(2 * EVENTS), PARTITIONS);
            assertThat(offTheirPartition)
                    .as("CRC32 and murmur2 disagree on most of 40 keys")
                    .isGreaterThan(10);
            fixture.awaitTrue(() -> misrouted(port) == offTheirPartition);
        }
    }

    private static List<JsonNode> produce(IngestFixture fixture, String partitioner) throws Exception {
        Path script = ProducerScript.SOURCES.resolve("librdkafka_producer.py").toAbsolutePath();
        return ProducerScript.run(
                Path.of("."),
                Duration.ofSeconds(60),
                PYTHON,
                script.toString(),
                fixture.kafkaBootstrapServers(),
                fixture.topic(),
                Integer.toString(EVENTS),
                partitioner);
    }

    private static double misrouted(int port) {
        return PrometheusScrape.value(port, "grizz_events_misrouted_total", "");
    }
}
