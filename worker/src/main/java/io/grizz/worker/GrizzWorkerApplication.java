package io.grizz.worker;

import io.grizz.worker.config.DatabaseConnectionSettings;
import io.grizz.worker.config.GrizzProperties;
import io.grizz.worker.config.PoolerMode;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** grizz-persist's worker: the ingest role and the read-api role, chosen by {@code GRIZZ_ROLES}. */
@SpringBootApplication
@EnableConfigurationProperties(GrizzProperties.class)
public class GrizzWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(GrizzWorkerApplication.class, args);
    }

    /** Static: a post-processor of the DataSource must exist before it, so it reads the setting directly. */
    @Bean
    static DatabaseConnectionSettings databaseConnectionSettings(Environment environment) {
        String mode = environment.getProperty("grizz.pooler-mode", "session");
        return new DatabaseConnectionSettings(PoolerMode.valueOf(mode.trim().toUpperCase(Locale.ROOT)));
    }
}
