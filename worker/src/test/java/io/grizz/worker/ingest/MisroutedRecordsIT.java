package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.PrometheusScrape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/contract.md §3: a producer built on librdkafka (here Debian's python3-confluent-kafka) places keys
 * with CRC32 unless told {@code partitioner=murmur2_random}. The worker still applies what it gets, and
 * counts the records that sit on another partition than their key's in
 * {@code grizz_events_misrouted_total}: 0 with murmur2_random, more than 0 with librdkafka's default.
 */
class MisroutedRecordsIT {

    private static final String PYTHON = "/usr/bin/python3";

    @BeforeAll
    static void needsConfluentKafka() throws Exception {
        boolean available = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import confluent_kafka")
                                .redirectErrorStream(true)
                                .start()
                                .waitFor()
                        == 0;
        assumeTrue(available, "needs python3-confluent-kafka: apt-get install -y python3-confluent-kafka");
    }

    @Test
    void librdkafkasDefaultPartitionerIsCountedAndMurmur2RandomIsNot() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("misrouted", 4)) {
            ConfigurableApplicationContext worker = fixture.startWorker();
            int port = ((WebServerApplicationContext) worker).getWebServer().getPort();

            List<String> murmur = produce(fixture, "murmur2_random", 40);
            fixture.awaitCount(40, "SELECT count(*) FROM messages");
            assertThat(misrouted(port))
                    .as("murmur2_random places keys as Java does")
                    .isZero();

            List<String> crc = produce(fixture, "default", 40);
            fixture.awaitCount(80, "SELECT count(*) FROM messages");
            assertThat(murmur).hasSize(40);
            assertThat(crc).hasSize(40);
            long onTheirPartition = crc.stream()
                    .filter(line -> {
                        String[] f = line.split(" ");
                        byte[] key = f[1].getBytes(StandardCharsets.UTF_8);
                        return MisroutedRecords.expectedPartition(key, 4) == Integer.parseInt(f[2]);
                    })
                    .count();
            fixture.awaitTrue(() -> misrouted(port) == 40 - onTheirPartition);
            assertThat(40 - onTheirPartition)
                    .as("CRC32 and murmur2 disagree on most of 40 keys")
                    .isGreaterThan(10);
        }
    }

    private static List<String> produce(IngestFixture fixture, String partitioner, int count) throws Exception {
        Path script = Path.of("src/test/resources/producers/librdkafka_producer.py");
        Process process = new ProcessBuilder(
                        PYTHON,
                        script.toString(),
                        fixture.stack().kafkaBootstrapServers(),
                        fixture.topic(),
                        partitioner,
                        Integer.toString(count))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("the Python producer's exit code").isZero();
        return out.lines().toList();
    }

    private static double misrouted(int port) {
        return PrometheusScrape.value(port, "grizz_events_misrouted_total", "");
    }
}
