package io.grizz.worker.ingest;

import static io.grizz.worker.support.ReadApiFixture.serviceToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.worker.support.Drill;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.HealthProbe;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.ReadApiFixture;
import io.grizz.worker.support.TopicConfigs;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * docs/contract.md §7: an ingest instance that has not begun consuming within its start window
 * (60 s; 5 s here) is not ready, says what it waits for in the health details and in its log,
 * and turns ready once it consumes.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsumerStartIT {

    @Test
    void anInstanceWaitingForItsTopicIsNotReadyAfterItsStartWindowAndSaysWhy(CapturedOutput output) {
        try (IngestFixture fixture = IngestFixture.create("start_window", 1)) {
            String servers = fixture.stack().kafkaBootstrapServers();
            TopicConfigs.delete(servers, fixture.topic());
            // until the broker has forgotten it, creating it again fails
            Drill.sleep(Duration.ofSeconds(2));
            ConfigurableApplicationContext worker = fixture.startWorker(Map.of(
                    "grizz.ingest.start-window", "5s",
                    // with the read API's key, health shows its details to a service token
                    "grizz.roles", "ingest,read-api",
                    "grizz.read-api.jwt-secret", ReadApiFixture.SECRET));
            HealthProbe health = new HealthProbe(worker);
            // readiness is DOWN for a moment at start anyway (the schema check): wait for this component
            fixture.awaitTrue(
                    () -> "DOWN".equals(ingestConsumers(worker).get("status").asString()));
            assertThat(health.is("readiness", "DOWN")).isTrue();

            String waiting = "waiting for topic " + fixture.topic() + ": it does not exist yet";
            assertThat(ingestConsumers(worker)
                            .get("details")
                            .get("problems")
                            .get("ingest")
                            .asString())
                    .startsWith("not consuming ")
                    .endsWith(waiting);
            // the starter says so at its next look at the topic, every 2 s
            fixture.awaitTrue(
                    () -> output.getOut().contains("not consuming 5 s after start, readiness DOWN: " + waiting));
            assertThat(health.is("liveness", "UP")).as("waiting is not dead").isTrue();

            fixture.stack().createTopic(fixture.topic(), 1);
            health.await("readiness", "UP", Duration.ofSeconds(60));
            fixture.send(Events.created(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, "at last"));
            fixture.awaitCount(1, "SELECT count(*) FROM messages");
        }
    }

    /** The readiness component, with its details: only a service token sees them. */
    private static JsonNode ingestConsumers(ConfigurableApplicationContext worker) {
        return ReadApiFixture.client(worker)
                .get("/actuator/health/readiness", serviceToken())
                .json()
                .get("components")
                .get("ingestConsumers");
    }
}
