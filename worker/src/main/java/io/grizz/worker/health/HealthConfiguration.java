package io.grizz.worker.health;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Health contributors shared by both roles. */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    @Bean
    DatabaseHealthIndicator databaseHealthIndicator(DataSource dataSource) {
        return new DatabaseHealthIndicator(dataSource);
    }
}
