package io.grizz.worker.ingest;

import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.worker.config.ConditionalOnRole;
import io.grizz.worker.config.GrizzProperties;
import io.grizz.worker.config.WorkerRole;
import io.grizz.worker.store.MessageStore;
import io.grizz.worker.store.RaceRetry;
import io.grizz.worker.tracing.BatchTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** The ingest role: Kafka → PostgreSQL. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(WorkerRole.INGEST)
@EnableConfigurationProperties(IngestProperties.class)
@Import(MessageWriteListener.class)
public class IngestConfiguration {

    @Bean
    MessageWriteDecoder messageWriteDecoder(GrizzProperties properties) {
        return new MessageWriteDecoder(properties.maxContentBytes(), properties.maxEventBytes());
    }

    /**
     * The decoded-byte bound of a batch (docs/operations.md, "Memory"): the consumer's values come
     * through {@link BoundedValueDeserializer}, whose per-poll count {@link PollEndInterceptor}
     * resets. {@code fetch.max.bytes} bounds a poll only as stored, compressed.
     */
    @Bean
    @SuppressWarnings("unchecked")
    DefaultKafkaConsumerFactoryCustomizer decodedBytesBound(MessageWriteDecoder decoder, IngestProperties ingest) {
        return factory -> {
            ((DefaultKafkaConsumerFactory<byte[], byte[]>) factory)
                    .setValueDeserializerSupplier(
                            () -> new BoundedValueDeserializer(decoder, ingest.maxBatchDecodedBytes()));
            factory.updateConfigs(Map.of(
                    ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG,
                    withPollEnd(factory.getConfigurationProperties().get(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG))));
        };
    }

    /** {@link PollEndInterceptor} after any interceptors the operator configured, which it must not replace. */
    static String withPollEnd(Object configured) {
        String others = configured instanceof Collection<?> list
                ? list.stream()
                        .map(c -> c instanceof Class<?> type ? type.getName() : String.valueOf(c))
                        .collect(Collectors.joining(","))
                : configured == null ? "" : String.valueOf(configured).trim();
        return others.isEmpty()
                ? PollEndInterceptor.class.getName()
                : others + "," + PollEndInterceptor.class.getName();
    }

    @Bean
    MessageStore messageStore(
            DataSource dataSource, GrizzProperties properties, IngestProperties ingest, IngestMetrics metrics) {
        RaceRetry raceRetry = new RaceRetry(ingest.raceAttempts(), ingest.raceBaseDelay(), metrics::raceRetried);
        return new MessageStore(dataSource, properties.statementTimeout(), raceRetry, ingest.writeChunkChars());
    }

    @Bean
    IngestCircuitBreaker ingestCircuitBreaker(MeterRegistry registry) {
        return new IngestCircuitBreaker(registry, Clock.systemUTC());
    }

    @Bean
    IngestCircuitHealthIndicator ingestCircuitHealthIndicator(IngestCircuitBreaker circuit) {
        return new IngestCircuitHealthIndicator(circuit);
    }

    @Bean
    IngestConsumers ingestConsumers(IngestProperties ingest) {
        return new IngestConsumers(ingest.stallThreshold(), ingest.startWindow(), System::nanoTime);
    }

    /** {@code ingestConsumers} in /actuator/health: in readiness. */
    @Bean
    HealthIndicator ingestConsumersHealthIndicator(IngestConsumers consumers) {
        return IngestConsumersHealthIndicators.readiness(consumers);
    }

    /** {@code ingestConsumersLive} in /actuator/health: in liveness. */
    @Bean
    HealthIndicator ingestConsumersLiveHealthIndicator(IngestConsumers consumers) {
        return IngestConsumersHealthIndicators.liveness(consumers);
    }

    /**
     * The Kafka consumer reports its per-topic metrics twice, tagged with the topic's name and with
     * its legacy spelling (dots as underscores): {@code records_lag_max} showed up as two series.
     * Keep the one tagged with the real name.
     */
    @Bean
    MeterFilter kafkaTopicMetricsOnce(GrizzProperties properties) {
        String legacy = properties.topic().replace('.', '_');
        return MeterFilter.deny(id -> !legacy.equals(properties.topic())
                && id.getName().startsWith("kafka.")
                && legacy.equals(id.getTag("topic")));
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(Admin.create(kafkaAdmin.getConfigurationProperties()));
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    @Bean
    ShutdownSignal shutdownSignal() {
        return new ShutdownSignal();
    }

    @Bean(destroyMethod = "close")
    DeadLetterTopicGrowth deadLetterTopicGrowth(KafkaAdmin kafkaAdmin) {
        return new DeadLetterTopicGrowth(Admin.create(kafkaAdmin.getConfigurationProperties()));
    }

    /** Applied to the listener container by Spring Boot: grows the DLT as partitions are assigned. */
    @Bean
    DeadLetterPartitionsFollower deadLetterPartitionsFollower(
            GrizzProperties properties, DeadLetterTopicGrowth deadLetterTopicGrowth) {
        return new DeadLetterPartitionsFollower(
                properties.topic(), properties.deadLetterTopic(), deadLetterTopicGrowth);
    }

    /**
     * A producer of its own for dead letters, on the worker's Kafka settings (servers, security)
     * but compressed, and taking records up to {@code grizz.ingest.dead-letter-max-request-bytes}:
     * a dead letter is a record the consumer accepted, maybe compressed by its producer. Its waits
     * are bounded ({@link RenewableProducer#bounded}): a missing dead-letter topic is an outage to
     * report (circuit open, readiness DOWN) within seconds, not after Kafka's default minute.
     */
    @Bean(destroyMethod = "close")
    DeadLetterPublisher deadLetterPublisher(
            ProducerFactory<byte[], byte[]> producerFactory,
            IngestProperties ingest,
            DeadLetterTopicGrowth deadLetterTopicGrowth,
            ShutdownSignal shutdown,
            @Value("${spring.kafka.consumer.group-id}") String consumerGroup) {
        Map<String, Object> config = RenewableProducer.bounded(producerFactory.getConfigurationProperties());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ingest.deadLetterMaxRequestBytes());
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L << 20, 2L * ingest.deadLetterMaxRequestBytes()));
        return new DeadLetterPublisher(
                renewable("dead-letters", config, shutdown), consumerGroup, deadLetterTopicGrowth);
    }

    /**
     * A producer of the write path, made again when it breaks: each generation with a client id of
     * its own, so that a replaced one still closing does not clash with its successor's metrics.
     */
    private static RenewableProducer renewable(String name, Map<String, Object> config, ShutdownSignal shutdown) {
        String clientId = "grizz-worker-" + name;
        return new RenewableProducer(
                name,
                generation -> {
                    Map<String, Object> own = new HashMap<>(config);
                    own.put(ProducerConfig.CLIENT_ID_CONFIG, generation == 1 ? clientId : clientId + "-" + generation);
                    return new KafkaProducer<>(own, new ByteArraySerializer(), new ByteArraySerializer());
                },
                RenewableProducer.DELIVERY_TIMEOUT.plus(RenewableProducer.GRACE),
                shutdown::stopping);
    }

    /**
     * What is done around each attempt at a batch, apart from its writing: the circuit and the consumers' liveness
     * told of it, records on a partition not their key's, each partition's lag in seconds, and the batch's span.
     * Boot's listener container factory takes a {@code BatchInterceptor<Object, Object>} bean only when there is
     * exactly one, so all are in this one.
     */
    @Bean
    BatchInterceptor<Object, Object> batchObservers(
            MeterRegistry registry, BatchTracing tracing, IngestCircuitBreaker circuit, IngestConsumers consumers) {
        return new CompositeBatchInterceptor<>(
                new IngestAttempts(circuit, consumers),
                new MisroutedRecords(registry, System::nanoTime),
                new PartitionLag(registry, System::currentTimeMillis),
                tracing.interceptor());
    }

    /**
     * The batch's spans when tracing is on (MANAGEMENT_TRACING_EXPORT_ENABLED), else none: Boot builds a tracer
     * whenever Brave is on the class path, but spans that go nowhere are work for nothing on every batch.
     */
    @Bean
    BatchTracing batchTracing(
            ObjectProvider<Tracer> tracer, @Value("${management.tracing.export.enabled:true}") boolean exported) {
        return new BatchTracing(exported ? tracer.getIfAvailable(() -> Tracer.NOOP) : Tracer.NOOP);
    }

    /**
     * Off unless GRIZZ_PERSISTED_TOPIC is set. A producer of its own, on the worker's Kafka settings
     * (idempotent, acks=all: a conversation's announcements keep their order through retries), with
     * bounded waits and replaced should it break; not Spring's shared producer, whose close on
     * shutdown waits for whatever it still holds.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${grizz.persisted-topic:}'.isBlank()")
    PersistedNotifier persistedNotifier(
            ProducerFactory<byte[], byte[]> producerFactory, GrizzProperties properties, ShutdownSignal shutdown) {
        Map<String, Object> config = RenewableProducer.bounded(producerFactory.getConfigurationProperties());
        return new PersistedNotifier(renewable("announcements", config, shutdown), properties.persistedTopic());
    }

    @Bean
    IngestStarter ingestStarter(
            KafkaAdmin kafkaAdmin,
            KafkaListenerEndpointRegistry registry,
            GrizzProperties properties,
            IngestProperties ingest,
            IngestConsumers consumers) {
        return new IngestStarter(kafkaAdmin, registry, properties, ingest, consumers);
    }

    /**
     * The outage channel. A batch that fails as a whole (database, pooler, DLT or notification
     * topic unreachable, or a race that lost every attempt) is retried, whole, with exponential
     * backoff and no end: the consumer stays paused and keeps polling meanwhile, so the group does
     * not rebalance, and no valid record is ever dead-lettered for an outage.
     *
     * <p>Every exception is retryable. spring-kafka by default classifies a few types (a
     * {@code ClassCastException}, a conversion failure…) as not retryable and hands the batch to a
     * recoverer that only logs it, after which its offsets are committed with nothing written or
     * dead-lettered. Here a bad record has its own channel and never throws; whatever does throw is
     * retried until it passes, and the recoverer, which an endless backoff never reaches, refuses
     * to skip anything all the same.
     */
    @Bean
    CommonErrorHandler batchRetry() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        // several instances losing the database together should not come back in lockstep
        backOff.setJitter(100);
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, failure) -> {
                    throw new IllegalStateException(
                            "not skipping record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                                    + " after " + failure,
                            failure);
                },
                backOff);
        handler.setClassifications(Map.of(), true);
        handler.setAckAfterHandle(false);
        return handler;
    }
}
