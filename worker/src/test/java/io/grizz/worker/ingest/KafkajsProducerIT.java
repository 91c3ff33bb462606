package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.worker.support.Executables;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.ProducerScript;
import io.grizz.worker.support.PrometheusScrape;
import io.grizz.worker.support.StoredEvents;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * docs/producers.md's Node producer (src/test/resources/producers/kafkajs_producer.js, kafkajs at the version its
 * package.json pins) against the real stack: every event it sends is stored as sent, each record on its key's
 * murmur2 partition, and {@code grizz_events_misrouted_total} stays 0 (docs/contract.md §3). npm installs kafkajs
 * under target/, never into the source tree; without node and npm the test skips (.ci/run installs them).
 */
class KafkajsProducerIT {

    private static final Path INSTALLED = Path.of("target", "producers-node");
    private static final String SCRIPT = "kafkajs_producer.js";
    private static final int PARTITIONS = 4;
    private static final int EVENTS = 40;

    private static Path node;

    @BeforeAll
    static void installsKafkajs() throws Exception {
        node = Executables.onPath("node").orElse(null);
        Path npm = Executables.onPath("npm").orElse(null);
        assumeTrue(node != null && npm != null, "needs node and npm on PATH: apt-get install -y nodejs npm");
        Files.createDirectories(INSTALLED);
        for (String file : List.of("package.json", SCRIPT)) {
            Files.copy(
                    ProducerScript.SOURCES.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        // never the test JVM's own streams: Surefire talks to its fork through them, and a child that reads the
        // fork's standard input steals its commands ("std/in stream corrupted" fails the whole run)
        Path log = INSTALLED.resolve("npm-install.log");
        Process install = new ProcessBuilder(
                        npm.toString(), "install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(INSTALLED.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(install.waitFor())
                .as("npm install in %s; its output:%n%s", INSTALLED, Files.readString(log))
                .isZero();
    }

    @Test
    void defaultPartitionerPlacesKeysAsJavaDoesAndEveryEventIsStoredAsSent() throws Exception {
        try (IngestFixture fixture = IngestFixture.create("kafkajs", PARTITIONS)) {
            ConfigurableApplicationContext worker = fixture.startWorker();
            int port = ((WebServerApplicationContext) worker).getWebServer().getPort();

            List<JsonNode> events = ProducerScript.run(
                    INSTALLED,
                    Duration.ofSeconds(60),
                    node.toString(),
                    SCRIPT,
                    fixture.kafkaBootstrapServers(),
                    fixture.topic(),
                    Integer.toString(EVENTS));

            assertThat(events).hasSize(EVENTS);
            fixture.awaitCount(EVENTS, "SELECT count(*) FROM messages");
            StoredEvents.assertStoredAsSent(fixture.jdbc(), events);
            assertThat(StoredEvents.offTheirKeysPartition(fixture.records(EVENTS), PARTITIONS))
                    .as("kafkajs's DefaultPartitioner places keys as Java does")
                    .isZero();
            assertThat(PrometheusScrape.value(port, "grizz_events_misrouted_total", ""))
                    .as("grizz_events_misrouted_total")
                    .isZero();
        }
    }
}
