package io.grizz.worker.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.compose.server.PgBouncer;
import io.grizz.compose.server.PostgresServer;
import io.grizz.compose.testkit.TestStacks;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.Workload;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The report this project comes from: PgBouncer 1.18 in transaction mode breaks pgjdbc's
 * server-side prepared statements. Shown here at the driver level, then fixed by
 * {@code DATABASE_POOLER_MODE=transaction} for the worker under the same pooler.
 */
class PoolerModeIT {

    private static PostgresServer postgres;

    @BeforeAll
    static void needsPgBouncer() {
        assumeTrue(PgBouncer.available(), "needs PgBouncer: apt-get install -y pgbouncer");
        postgres = TestStacks.shared()
                .localPostgres()
                .orElseThrow(() -> new TestAbortedException("needs the local stack"));
    }

    @Test
    void transactionModeWithPgjdbcDefaultsFailsOnPreparedStatements() throws SQLException {
        // one server connection shared by two clients: the second client's "S_1" meets the first's
        try (PgBouncer bouncer = PgBouncer.start(
                postgres,
                PgBouncer.PoolMode.TRANSACTION,
                PgBouncer.Options.defaults().poolSize(1))) {
            String url = bouncer.jdbcUrl("postgres");
            assertThatThrownBy(() -> runPreparedOnTwoClients(url))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("prepared statement");

            runPreparedOnTwoClients(url + "?prepareThreshold=0");
        }
    }

    @Test
    void theWorkerInTransactionModePersistsTheSameLoadCompletely() {
        try (IngestFixture fixture = IngestFixture.create("txmode", 3);
                PgBouncer bouncer = PgBouncer.start(
                        postgres,
                        PgBouncer.PoolMode.TRANSACTION,
                        PgBouncer.Options.defaults().poolSize(2))) {
            Workload workload = Workload.of(1_000, 5, 5);
            fixture.startWorker(Map.of(
                    "spring.datasource.url", bouncer.jdbcUrl(fixture.database()), "grizz.pooler-mode", "transaction"));
            fixture.send(workload.events());
            fixture.awaitCount(
                    Duration.ofSeconds(120),
                    workload.messageCount(),
                    "SELECT count(*) FROM messages WHERE revision = 5");
            workload.assertExactlyStoredIn(fixture.jdbc());
            assertThat(fixture.deadLetters(0)).isEmpty();
        }
    }

    /** Ten executions of one prepared statement on each of two connections (pgjdbc prepares on the 5th). */
    private static void runPreparedOnTwoClients(String url) throws SQLException {
        try (Connection first = DriverManager.getConnection(url, "postgres", "postgres");
                Connection second = DriverManager.getConnection(url, "postgres", "postgres");
                PreparedStatement a = first.prepareStatement("SELECT ?::int + 1");
                PreparedStatement b = second.prepareStatement("SELECT ?::int + 1")) {
            for (int i = 0; i < 10; i++) {
                a.setInt(1, i);
                a.executeQuery().close();
                b.setInt(1, i);
                b.executeQuery().close();
            }
        }
    }
}
