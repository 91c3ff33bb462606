package io.grizz.compose.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A hot standby made by {@link BaseBackup} follows its primary: what the read API on a replica is tested on. */
class PostgresStandbyTest {

    private static PostgresServer primary;
    private static PostgresServer standby;

    @BeforeAll
    static void startPair() throws SQLException {
        primary = PostgresServer.start(PostgresServer.Options.defaults().fsync(false));
        String url = primary.createDatabase("replicated");
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            statement.execute("INSERT INTO notes VALUES (1, 'before the backup')");
        }
        standby = PostgresServer.startStandby(primary);
    }

    @AfterAll
    static void closePair() {
        if (standby != null) {
            standby.close();
        }
        primary.close();
    }

    @Test
    void theStandbyHoldsWhatWasThereBeforeTheBackupAndFollowsWhatComesAfter() throws Exception {
        assertThat(standby.isStandby()).isTrue();
        assertThat(standby.port()).isNotEqualTo(primary.port());
        assertThat(query(standby.jdbcUrl("replicated"), "SELECT body FROM notes WHERE id = 1"))
                .isEqualTo("before the backup");

        try (Connection connection = connect(primary.jdbcUrl("replicated"));
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO notes VALUES (2, 'after the backup')");
        }

        assertThat(awaitQuery(standby.jdbcUrl("replicated"), "SELECT body FROM notes WHERE id = 2"))
                .isEqualTo("after the backup");
        assertThat(query(standby.jdbcUrl("replicated"), "SELECT pg_is_in_recovery()::text"))
                .isEqualTo("true");
        assertThat(query(primary.jdbcUrl("postgres"), "SELECT active::text FROM pg_replication_slots"))
                .isEqualTo("true");
    }

    @Test
    void theStandbyRefusesWrites() {
        assertThatThrownBy(() -> {
                    try (Connection connection = connect(standby.jdbcUrl("replicated"));
                            Statement statement = connection.createStatement()) {
                        statement.execute("INSERT INTO notes VALUES (99, 'nope')");
                    }
                })
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("read-only");
    }

    private static String awaitQuery(String url, String sql) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String answer = query(url, sql);
            if (answer != null || System.nanoTime() > deadline) {
                return answer;
            }
            Thread.sleep(50);
        }
    }

    private static String query(String url, String sql) throws SQLException {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
