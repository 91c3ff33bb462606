package io.grizz.worker.ingest;

import io.grizz.worker.config.GrizzProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Starts consuming once the topics are in place: waits for the source topic (saying so in the
 * log), creates {@code <topic>.dlt} with as many partitions and the same record size limit when
 * it is missing, then starts the listener container. Runs on its own thread, so the HTTP side
 * (health, metrics, the read API) is up while it waits.
 */
public class IngestStarter {

    private static final Logger log = LoggerFactory.getLogger(IngestStarter.class);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final KafkaAdmin kafkaAdmin;
    private final KafkaListenerEndpointRegistry registry;
    private final GrizzProperties properties;
    private volatile Thread starter;

    public IngestStarter(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry registry, GrizzProperties properties) {
        this.kafkaAdmin = kafkaAdmin;
        this.registry = registry;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startWhenTopicsAreReady() {
        Thread thread = new Thread(this::prepareAndStart, "grizz-ingest-starter");
        thread.setDaemon(true);
        starter = thread;
        thread.start();
    }

    private void prepareAndStart() {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            TopicDescription source = awaitSourceTopic(admin);
            ensureDeadLetterTopic(admin, source);
            MessageListenerContainer container = registry.getListenerContainer(MessageWriteListener.CONTAINER_ID);
            container.start();
            log.info("consuming {} ({} partitions), dead letters to {}", source.name(), source.partitions().size(),
                    properties.deadLetterTopic());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private TopicDescription awaitSourceTopic(Admin admin) throws InterruptedException {
        long lastLog = 0;
        while (true) {
            try {
                return admin.describeTopics(Set.of(properties.topic())).allTopicNames().get()
                        .get(properties.topic());
            } catch (ExecutionException e) {
                if (System.nanoTime() - lastLog > LOG_EVERY.toNanos()) {
                    lastLog = System.nanoTime();
                    String why = e.getCause() instanceof UnknownTopicOrPartitionException
                            ? "it does not exist yet" : e.getCause().toString();
                    log.info("waiting for topic {}: {}", properties.topic(), why);
                }
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    private void ensureDeadLetterTopic(Admin admin, TopicDescription source) throws InterruptedException {
        String dlt = properties.deadLetterTopic();
        while (true) {
            try {
                Map<String, String> configs = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes(admin, source.name()));
                admin.createTopics(Set.of(new NewTopic(dlt, Optional.of(source.partitions().size()), Optional.empty())
                        .configs(configs))).all().get();
                log.info("created dead-letter topic {} with {} partitions", dlt, source.partitions().size());
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return;
                }
                log.warn("cannot create dead-letter topic {} yet: {}", dlt, e.getCause().toString());
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    private static String maxMessageBytes(Admin admin, String topic) throws InterruptedException, ExecutionException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
        return config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();
    }

    /** Called on shutdown (Spring infers it), in case it is still waiting for the topic. */
    public void shutdown() {
        Thread thread = starter;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
