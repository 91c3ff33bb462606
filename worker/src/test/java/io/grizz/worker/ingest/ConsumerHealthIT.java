package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.worker.support.Events;
import io.grizz.worker.support.HealthProbe;
import io.grizz.worker.support.IngestFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * docs/contract.md §7: readiness tells when any one ingest consumer has stopped, even while the
 * others keep the write path busy and healthy.
 */
class ConsumerHealthIT {

    @Test
    void oneConsumerStoppedTurnsReadinessDownWithin10SecondsWhileTheOthersKeepApplying() {
        try (IngestFixture fixture = IngestFixture.create("consumer_stopped", 3)) {
            ConfigurableApplicationContext worker = fixture.startWorker(Map.of("grizz.ingest.stall-threshold", "10s"));
            HealthProbe health = new HealthProbe(worker);
            UUID user = UUID.randomUUID();
            UUID conversation = UUID.randomUUID();
            fixture.send(Events.created(conversation, user, UUID.randomUUID(), 1, "before"));
            fixture.awaitCount(1, "SELECT count(*) FROM messages");
            health.await("readiness", "UP", Duration.ofSeconds(30));

            ConcurrentMessageListenerContainer<?, ?> ingest =
                    (ConcurrentMessageListenerContainer<?, ?>) worker.getBean(KafkaListenerEndpointRegistry.class)
                            .getListenerContainer(MessageWriteListener.CONTAINER_ID);
            MessageListenerContainer one = ingest.getContainers().get(0);
            long stoppedAt = System.nanoTime();
            one.stop();
            health.await("readiness", "DOWN", Duration.ofSeconds(10));
            assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(10));
            // details are for a service token only; the component itself says which consumer and why
            assertThat(worker.getBean(IngestConsumers.class).notReady()).containsValue("stopped (NORMAL)");
            // stopped on purpose, not for good: the instance stays alive
            assertThat(health.is("liveness", "UP")).as(health.body("liveness")).isTrue();

            List<UUID> after = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                UUID message = UUID.randomUUID();
                after.add(message);
                fixture.send(Events.created(UUID.randomUUID(), user, message, 1, "after " + i));
            }
            fixture.awaitCount(
                    Duration.ofSeconds(60), after.size(), "SELECT count(*) FROM messages WHERE id = ANY (?)", (Object)
                            after.toArray(UUID[]::new));
            assertThat(health.is("readiness", "DOWN"))
                    .as("still one consumer short")
                    .isTrue();

            one.start();
            health.await("readiness", "UP", Duration.ofSeconds(30));
        }
    }
}
