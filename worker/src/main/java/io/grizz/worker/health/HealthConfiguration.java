package io.grizz.worker.health;

import io.grizz.worker.api.ReadApiConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Health contributors shared by both roles, and readiness as a meter. */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    /** The health group behind {@code /actuator/health/readiness} (application.yml). */
    static final String READINESS_GROUP = "readiness";

    /**
     * Every pool this instance has: the ingest pool (Boot's DataSource) with the ingest role, the reads' pool with
     * the read-api role. A read-api-only instance has only the reads' pool, and its health uses that one rather than
     * opening a pool for nothing but the check.
     */
    @Bean
    DatabaseHealthIndicator databaseHealthIndicator(
            ObjectProvider<DataSource> ingestPool,
            @Qualifier(ReadApiConfiguration.READ_DATA_SOURCE) ObjectProvider<DataSource> readPool) {
        List<DataSource> pools = Stream.of(ingestPool.getIfAvailable(), readPool.getIfAvailable())
                .filter(Objects::nonNull)
                .toList();
        return new DatabaseHealthIndicator(pools);
    }

    @Bean
    ReadinessGauge readinessGauge(HealthEndpoint health, MeterRegistry registry) {
        return new ReadinessGauge(
                () -> {
                    HealthDescriptor readiness = health.healthForPath(READINESS_GROUP);
                    return readiness == null ? Status.UNKNOWN : readiness.getStatus();
                },
                registry);
    }
}
