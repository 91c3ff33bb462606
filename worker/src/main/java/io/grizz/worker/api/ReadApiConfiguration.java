package io.grizz.worker.api;

import com.zaxxer.hikari.HikariDataSource;
import io.grizz.worker.config.ConditionalOnRole;
import io.grizz.worker.config.WorkerRole;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** The read-api role: the queries, paging, and where they read. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(WorkerRole.READ_API)
@EnableConfigurationProperties(ReadApiProperties.class)
class ReadApiConfiguration {

    static final String READ_DATA_SOURCE = "readApiDataSource";

    /**
     * The pool on {@code DATABASE_READ_URL}, when it is set: the same pool settings, user and
     * password as the main pool, its own name (so its {@code hikaricp_*} meters and health
     * stand apart), read-only connections.
     *
     * <p>Not a default candidate: Boot's main DataSource, Flyway, and the ingest path keep
     * seeing only the main pool, while Boot's pool metrics and health still include this one.
     */
    @Bean(name = READ_DATA_SOURCE, defaultCandidate = false)
    @Conditional(ReadReplicaConfigured.class)
    HikariDataSource readApiDataSource(DataSourceProperties main, ReadApiProperties properties,
                                       Environment environment) {
        HikariDataSource pool = main.initializeDataSourceBuilder().type(HikariDataSource.class)
                .url(properties.databaseUrl()).build();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        pool.setPoolName("grizz-read-api");
        pool.setReadOnly(true);
        return pool;
    }

    @Bean
    ConversationQueries conversationQueries(@Qualifier(READ_DATA_SOURCE) ObjectProvider<DataSource> replica,
                                            DataSource main) {
        return new ConversationQueries(new JdbcTemplate(replica.getIfAvailable(() -> main)));
    }

    @Bean
    MessageQueries messageQueries(@Qualifier(READ_DATA_SOURCE) ObjectProvider<DataSource> replica,
                                  DataSource main) {
        return new MessageQueries(new JdbcTemplate(replica.getIfAvailable(() -> main)));
    }

    @Bean
    Pager pager(ReadApiProperties properties) {
        return new Pager(new CursorCodec(CursorKey.from(properties)));
    }
}
