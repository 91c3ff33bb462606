package io.grizz.compose.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgBouncerTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        assumeTrue(PgBouncer.available(), "PgBouncer is not installed; install it with: apt-get install -y pgbouncer");
        postgres = PostgresServer.start(PostgresServer.Options.defaults().fsync(false));
        postgres.createDatabase("pooled");
    }

    @AfterAll
    static void closePostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void sessionModeGivesEachClientItsOwnServerConnection() throws SQLException {
        try (PgBouncer pgBouncer = PgBouncer.start(
                        postgres,
                        PgBouncer.PoolMode.SESSION,
                        PgBouncer.Options.defaults().poolSize(2));
                Connection first = connect(pgBouncer.jdbcUrl("pooled"));
                Connection second = connect(pgBouncer.jdbcUrl("pooled"))) {
            assertThat(backendPid(first)).isNotEqualTo(backendPid(second));
            try (Statement statement = first.createStatement()) {
                statement.execute("CREATE TEMP TABLE session_state (id int)");
                statement.execute("INSERT INTO session_state VALUES (1)");
            }
            assertThat(count(first, "session_state")).isEqualTo(1);
        }
    }

    @Test
    void transactionModeSharesServerConnectionsBetweenClients() throws SQLException {
        try (PgBouncer pgBouncer = PgBouncer.start(
                        postgres,
                        PgBouncer.PoolMode.TRANSACTION,
                        PgBouncer.Options.defaults().poolSize(1));
                Connection first = connect(pgBouncer.jdbcUrl("pooled") + "?prepareThreshold=0");
                Connection second = connect(pgBouncer.jdbcUrl("pooled") + "?prepareThreshold=0")) {
            assertThat(backendPid(first)).isEqualTo(backendPid(second));
        }
    }

    @Test
    void showPoolsCountsTheClientsOfEachDatabaseAndThoseWaiting() throws SQLException {
        try (PgBouncer pgBouncer = PgBouncer.start(
                        postgres,
                        PgBouncer.PoolMode.SESSION,
                        PgBouncer.Options.defaults().poolSize(2));
                Connection first = connect(pgBouncer.jdbcUrl("pooled"));
                Connection second = connect(pgBouncer.jdbcUrl("pooled"))) {
            var pooled = pgBouncer.showPools().stream()
                    .filter(row -> "pooled".equals(row.get("database")))
                    .findFirst()
                    .orElseThrow();
            assertThat(pooled).containsEntry("cl_active", "2").containsEntry("cl_waiting", "0");
            assertThat(Integer.parseInt(pooled.get("sv_active"))).isEqualTo(2);
        }
    }

    @Test
    void survivesAStopAndARestart() throws SQLException {
        try (PgBouncer pgBouncer = PgBouncer.start(postgres, PgBouncer.PoolMode.SESSION)) {
            pgBouncer.stop();
            assertThatThrownBy(() -> connect(pgBouncer.jdbcUrl("pooled")).close())
                    .isInstanceOf(SQLException.class);
            pgBouncer.start();
            pgBouncer.restart();
            try (Connection connection = connect(pgBouncer.jdbcUrl("pooled"))) {
                assertThat(backendPid(connection)).isPositive();
            }
        }
    }

    private static Connection connect(String url) throws SQLException {
        return PostgresServerTest.connect(url);
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static int count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
