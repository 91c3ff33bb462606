package io.grizz.worker.api;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.grizz.worker.api.paging.CursorCodec;
import io.grizz.worker.api.paging.CursorKey;
import io.grizz.worker.api.query.ConversationQueries;
import io.grizz.worker.api.query.MessageQueries;
import io.grizz.worker.api.query.ReadStatements;
import io.grizz.worker.api.query.SchemaHealthIndicator;
import io.grizz.worker.api.replica.ReplicaLagMonitor;
import io.grizz.worker.api.replica.RevisionWait;
import io.grizz.worker.api.web.Pager;
import io.grizz.worker.config.ConditionalOnRole;
import io.grizz.worker.config.WorkerRole;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** The read-api role: the queries, paging, and where they read. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(WorkerRole.READ_API)
// DataSourceProperties too: a read-api-only instance has no Boot DataSource auto-configuration, which would bring them
@EnableConfigurationProperties({ReadApiProperties.class, DataSourceProperties.class})
public class ReadApiConfiguration {

    /** The bean name of the reads' pool, for whoever must tell it from the ingest pool. */
    public static final String READ_DATA_SOURCE = "readApiDataSource";

    /** The reads' pool's name, in {@code hikaricp_*{pool}} and the database's {@code application_name}. */
    public static final String POOL_NAME = "grizz-read-api";

    /**
     * The reads' own pool, in every deployment shape (docs/contract.md §5): on {@code DATABASE_READ_URL} when
     * set, else on {@code DATABASE_URL}; the ingest pool's timeouts, user and password, but a size of its own
     * ({@code READ_API_POOL_SIZE}) and its own name (so its {@code hikaricp_*} meters and health stand apart);
     * read-only connections. So a burst of slow reads waits for its own connections and never for the ingest
     * path's. Fixed (minimum idle = maximum), as the ingest pool: what it holds is what it counts against a pooler.
     *
     * <p>Not a default candidate: Boot's main DataSource (the ingest pool), Flyway, and the ingest path keep
     * seeing only the main pool; its {@code hikaricp_*} meters are bound here. A read-api-only instance has
     * no main pool at all (RoleAutoConfigurationFilter): this is its only one.
     */
    @Bean(name = READ_DATA_SOURCE, defaultCandidate = false)
    HikariDataSource readApiDataSource(
            DataSourceProperties main,
            ReadApiProperties properties,
            Environment environment,
            ObjectProvider<MeterRegistry> registry) {
        HikariDataSource pool =
                main.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        if (properties.hasDatabaseUrl()) {
            pool.setJdbcUrl(properties.databaseUrl());
        }
        pool.setPoolName(POOL_NAME);
        pool.setMaximumPoolSize(properties.poolSize());
        pool.setMinimumIdle(properties.poolSize());
        pool.setReadOnly(true);
        // what Boot's pool metrics would do, which bind only default candidates' pools when there is no main pool
        registry.ifAvailable(meters -> pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters)));
        return pool;
    }

    /**
     * Every read statement is cancelled past the statement timeout (503, docs/contract.md §5). A query timeout
     * (pgjdbc cancels on the server) rather than a session {@code SET statement_timeout}: it holds
     * behind a transaction-mode pooler too, where a session setting would leak into whichever
     * client gets that server connection next. JDBC counts it in whole seconds, so it is rounded up.
     */
    @Bean
    ReadStatements readStatements(@Qualifier(READ_DATA_SOURCE) DataSource pool, ReadApiProperties properties) {
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        jdbc.setQueryTimeout(ReadStatements.seconds(properties.statementTimeout()));
        return new ReadStatements(jdbc, properties.statementTimeout());
    }

    @Bean
    ConversationQueries conversationQueries(ReadStatements reads) {
        return new ConversationQueries(reads.jdbc());
    }

    @Bean
    MessageQueries messageQueries(ReadStatements reads) {
        return new MessageQueries(reads.jdbc());
    }

    /** Named {@code schema}: a member of the readiness group (application.yml). */
    @Bean(name = "schema")
    SchemaHealthIndicator schemaHealthIndicator(ReadStatements reads) {
        return new SchemaHealthIndicator(reads.jdbc());
    }

    /** Named {@code readReplica}: a member of the readiness group (application.yml). */
    @Bean(name = "readReplica")
    ReplicaLagMonitor readReplicaLag(ReadStatements reads, ReadApiProperties properties, MeterRegistry registry) {
        return new ReplicaLagMonitor(reads.jdbc(), properties.maxReplicaLag(), registry);
    }

    @Bean
    RevisionWait revisionWait(ReplicaLagMonitor replica, ReadApiProperties properties) {
        return new RevisionWait(replica, properties.minRevisionWait());
    }

    @Bean
    Pager pager(ReadApiProperties properties) {
        return new Pager(new CursorCodec(CursorKey.from(properties)));
    }
}
