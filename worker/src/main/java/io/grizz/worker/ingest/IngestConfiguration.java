package io.grizz.worker.ingest;

import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.worker.config.ConditionalOnRole;
import io.grizz.worker.config.GrizzProperties;
import io.grizz.worker.config.WorkerRole;
import io.grizz.worker.store.MessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** The ingest role: Kafka → PostgreSQL. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(WorkerRole.INGEST)
public class IngestConfiguration {

    @Bean
    MessageWriteDecoder messageWriteDecoder(GrizzProperties properties) {
        return new MessageWriteDecoder(properties.maxContentBytes());
    }

    @Bean
    MessageStore messageStore(DataSource dataSource, GrizzProperties properties) {
        return new MessageStore(dataSource, properties.statementTimeout());
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
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(Admin.create(kafkaAdmin.getConfigurationProperties()));
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    @Bean
    DeadLetters deadLetters(KafkaTemplate<?, ?> template, IngestMetrics metrics) {
        return new DeadLetters(template, metrics);
    }

    @Bean
    MessageWriteListener messageWriteListener(MessageWriteDecoder decoder, MessageStore store, DeadLetters deadLetters,
                                              IngestMetrics metrics, IngestCircuitBreaker circuit,
                                              Optional<PersistedNotifier> notifier) {
        return new MessageWriteListener(decoder, store, deadLetters, metrics, circuit, notifier);
    }

    /** Off unless GRIZZ_PERSISTED_TOPIC is set. */
    @Bean
    @ConditionalOnExpression("!'${grizz.persisted-topic:}'.isBlank()")
    PersistedNotifier persistedNotifier(KafkaTemplate<byte[], byte[]> template, GrizzProperties properties) {
        return new PersistedNotifier(template, properties.persistedTopic());
    }

    @Bean
    IngestStarter ingestStarter(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry registry,
                                GrizzProperties properties) {
        return new IngestStarter(kafkaAdmin, registry, properties);
    }

    /**
     * A batch that fails as a whole (database or DLT unreachable) is retried, whole, with
     * exponential backoff and no end: the consumer stays paused and keeps polling meanwhile, so
     * the group does not rebalance, and no valid record is ever dead-lettered for an outage.
     */
    @Bean
    CommonErrorHandler batchRetry() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        // several instances losing the database together should not come back in lockstep
        backOff.setJitter(100);
        return new DefaultErrorHandler(backOff);
    }
}
