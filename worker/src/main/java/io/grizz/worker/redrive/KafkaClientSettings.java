package io.grizz.worker.redrive;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.StandardEnvironment;

/**
 * The Kafka client settings the worker would use in this environment — security protocol, SASL,
 * TLS — read the way the worker reads them: Spring Boot's {@code spring.kafka.*} from environment
 * variables ({@code SPRING_KAFKA_SECURITY_PROTOCOL}, {@code SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG},
 * ...) and {@code -D} system properties, bound by Boot's own {@link KafkaProperties}. So a redrive
 * reaches every cluster the worker reaches, without Spring starting.
 *
 * <p>The redrive's own settings (client ids, acks, deserializers, no group) are put on top by
 * its reader and producer; these only say how to connect.
 */
final class KafkaClientSettings {

    private final KafkaProperties properties;

    private KafkaClientSettings(KafkaProperties properties) {
        this.properties = properties;
    }

    static KafkaClientSettings fromEnvironment() {
        return new KafkaClientSettings(Binder.get(new StandardEnvironment())
                .bind("spring.kafka", Bindable.of(KafkaProperties.class))
                .orElseGet(KafkaProperties::new));
    }

    Map<String, Object> consumer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(properties.buildConsumerProperties());
        // the reader assigns partitions itself and commits nothing: a group would only leave traces
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    Map<String, Object> producer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        // a transactional id from the environment would make every send need a transaction
        config.remove("transactional.id");
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }
}
