package io.grizz.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.grizz.compose.server.PgBouncer;
import io.grizz.worker.support.Drill;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.Workload;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The burst of the report: 200 other clients take every server connection PgBouncer (session
 * mode) has, while the worker drains. The worker's new connections queue at the pooler, its
 * batches fail and are retried; when the clients let go it drains, and nothing is lost.
 */
class PoolExhaustionIT {

    private static final int CLIENTS = 200;

    @Test
    void twoHundredClientsHoldingThePoolerMidDrainLoseNothing() throws Exception {
        assumeTrue(PgBouncer.available(), "needs PgBouncer: apt-get install -y pgbouncer");
        try (IngestFixture fixture = IngestFixture.create("exhaust", 3);
                PgBouncer bouncer = PgBouncer.start(
                        OutageIT.localPostgres(),
                        PgBouncer.PoolMode.SESSION,
                        PgBouncer.Options.defaults().poolSize(20))) {
            String url = bouncer.jdbcUrl(fixture.database());
            ConfigurableApplicationContext worker = fixture.startWorker(Map.of(
                    "spring.datasource.url",
                    url,
                    "spring.datasource.hikari.minimum-idle",
                    "0",
                    "spring.datasource.hikari.idle-timeout",
                    "10000",
                    "spring.datasource.hikari.max-lifetime",
                    "30000",
                    "spring.datasource.hikari.maximum-pool-size",
                    "4"));
            Drill drill = new Drill(fixture, Workload.of(1_200, 5, 5), 2_000)
                    .startPublishing()
                    .awaitProgress(500);

            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> holding = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                holding.add(clients.submit(() -> holdAServerConnection(url, bouncer)));
            }
            // the worker must come back for connections while the pooler is full: retire the ones it has
            Drill.sleep(Duration.ofMillis(500));
            worker.getBean(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
            for (Future<?> client : holding) {
                client.get(5, TimeUnit.MINUTES);
            }
            clients.shutdown();
            drill.recovered();

            drill.assertCompleteAndExact(CLIENTS + " clients holding PgBouncer's 20 server connections, 2 s each");
            assertThat(worker.isRunning()).isTrue();
        }
    }

    /** Connects through the pooler, takes a server connection and keeps it 2 s. */
    private static Void holdAServerConnection(String url, PgBouncer bouncer) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, bouncer.username(), bouncer.password());
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_sleep(2)");
        }
        return null;
    }
}
