package io.grizz.worker.ingest;

import io.grizz.worker.config.GrizzProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Starts consuming once the topics are in place: waits for the source topic (saying so in the
 * log), creates or reconciles {@code <topic>.dlt} (see {@link #ensureDeadLetterTopic}), then
 * starts the listener container. Runs on its own thread, so the HTTP side
 * (health, metrics, the read API) is up while it waits; what it waits for goes to
 * {@link IngestConsumers}, which turns readiness DOWN once the start window has passed, and the
 * log says it then, once, at WARN.
 */
public class IngestStarter {

    private static final Logger log = LoggerFactory.getLogger(IngestStarter.class);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final KafkaAdmin kafkaAdmin;
    private final KafkaListenerEndpointRegistry registry;
    private final GrizzProperties properties;
    private final IngestProperties ingest;
    private final IngestConsumers consumers;
    private volatile Thread starter;
    private boolean saidLate;

    public IngestStarter(
            KafkaAdmin kafkaAdmin,
            KafkaListenerEndpointRegistry registry,
            GrizzProperties properties,
            IngestProperties ingest,
            IngestConsumers consumers) {
        this.kafkaAdmin = kafkaAdmin;
        this.registry = registry;
        this.properties = properties;
        this.ingest = ingest;
        this.consumers = consumers;
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
            waiting("the consumers to start");
            container.start();
            log.info(
                    "consuming {} ({} partitions), dead letters to {}",
                    source.name(),
                    source.partitions().size(),
                    properties.deadLetterTopic());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private TopicDescription awaitSourceTopic(Admin admin) throws InterruptedException {
        // a broker that does not answer at all fails the describe only after default.api.timeout.ms
        consumers.waitingFor("topic " + properties.topic() + ": no answer from the broker yet");
        long lastLog = 0;
        while (true) {
            try {
                return admin.describeTopics(Set.of(properties.topic()))
                        .allTopicNames()
                        .get()
                        .get(properties.topic());
            } catch (ExecutionException e) {
                String why = "topic " + properties.topic() + ": " + whyNot(e.getCause());
                if (!waiting(why) && System.nanoTime() - lastLog > LOG_EVERY.toNanos()) {
                    lastLog = System.nanoTime();
                    log.info("waiting for {}", why);
                }
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    private static String whyNot(Throwable failure) {
        if (failure instanceof UnknownTopicOrPartitionException) {
            return "it does not exist yet";
        }
        if (failure instanceof TopicAuthorizationException) {
            return "not authorized to describe topic";
        }
        return failure.toString();
    }

    /**
     * Says what the start waits for; once the start window has passed, says it in the log too, once,
     * at WARN. True when it logged.
     */
    private boolean waiting(String what) {
        consumers.waitingFor(what);
        if (saidLate || !consumers.notBegunInTime()) {
            return false;
        }
        saidLate = true;
        log.warn(
                "not consuming {} s after start, readiness DOWN: waiting for {}",
                consumers.startWindow().toSeconds(),
                what);
        return true;
    }

    /**
     * Creates {@code <topic>.dlt} when it is missing, with the source's partition count,
     * replication factor and {@code min.insync.replicas}, at least its {@code max.message.bytes}, and
     * {@code GRIZZ_DLT_RETENTION};
     * raises an existing one's {@code max.message.bytes} when it is lower than the source's, so a
     * record the source took is not refused as a dead letter for its size; adds partitions to an
     * existing one narrower than the source (partitions were added to the source), so each dead
     * letter has the partition number it came from.
     */
    private void ensureDeadLetterTopic(Admin admin, TopicDescription source) throws InterruptedException {
        String dlt = properties.deadLetterTopic();
        while (true) {
            try {
                // one request for both of the source's settings: a round trip less at every start
                Config sourceConfig = topicConfig(admin, source.name());
                String maxMessageBytes =
                        sourceConfig.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();
                String minInSync = sourceConfig
                        .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                        .value();
                if (!createDeadLetterTopic(admin, source, dlt, maxMessageBytes, minInSync)) {
                    raiseMaxMessageBytes(admin, dlt, maxMessageBytes);
                    DeadLetterTopicGrowth.grow(admin, dlt, source.partitions().size());
                }
                return;
            } catch (ExecutionException e) {
                waiting("dead-letter topic " + dlt + ": " + e.getCause());
                log.warn(
                        "cannot prepare dead-letter topic {} yet: {}",
                        dlt,
                        e.getCause().toString());
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    /**
     * True when it created the topic, false when it exists already. The source's replication factor and
     * {@code min.insync.replicas} go with it: a dead letter is the only copy of a record the worker skips, so it
     * needs the durability of the record itself (on a cluster of three, acknowledged by two brokers).
     */
    private boolean createDeadLetterTopic(
            Admin admin, TopicDescription source, String dlt, String maxMessageBytes, String minInSync)
            throws InterruptedException, ExecutionException {
        int partitions = source.partitions().size();
        short replicationFactor = (short) source.partitions().get(0).replicas().size();
        Map<String, String> configs = Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                maxMessageBytes,
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                minInSync,
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(ingest.deadLetterRetention().toMillis()));
        try {
            admin.createTopics(Set.of(new NewTopic(dlt, partitions, replicationFactor).configs(configs)))
                    .all()
                    .get();
            log.info(
                    "created dead-letter topic {}: {} partitions, replication factor {}, min.insync.replicas {}, "
                            + "max.message.bytes {}, retention {}",
                    dlt,
                    partitions,
                    replicationFactor,
                    minInSync,
                    maxMessageBytes,
                    ingest.deadLetterRetention());
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }

    private void raiseMaxMessageBytes(Admin admin, String dlt, String sourceMaxMessageBytes)
            throws InterruptedException, ExecutionException {
        String current = topicConfig(admin, dlt)
                .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
                .value();
        if (Long.parseLong(current) >= Long.parseLong(sourceMaxMessageBytes)) {
            return;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, dlt);
        admin.incrementalAlterConfigs(Map.of(
                        resource,
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, sourceMaxMessageBytes),
                                AlterConfigOp.OpType.SET))))
                .all()
                .get();
        log.warn(
                "raised max.message.bytes of dead-letter topic {} from {} to the source topic's {}",
                dlt,
                current,
                sourceMaxMessageBytes);
    }

    private static Config topicConfig(Admin admin, String topic) throws InterruptedException, ExecutionException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(Set.of(resource)).all().get().get(resource);
    }

    /** Called on shutdown (Spring infers it), in case it is still waiting for the topic. */
    public void shutdown() {
        Thread thread = starter;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
