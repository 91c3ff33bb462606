package io.grizz.worker.health;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
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

    @Bean
    DatabaseHealthIndicator databaseHealthIndicator(DataSource dataSource) {
        return new DatabaseHealthIndicator(dataSource);
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
