package io.grizz.compose.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void startServer() {
        postgres = PostgresServer.start(PostgresServer.Options.defaults());
    }

    @AfterAll
    static void closeServer() {
        postgres.close();
    }

    @Test
    void keepsCommittedDataAcrossAFastStopAndAStart() throws SQLException {
        String url = postgres.createDatabase("restart_test");
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            statement.execute("INSERT INTO notes VALUES (1, 'survives a restart')");
        }

        postgres.stop();
        assertThat(postgres.isRunning()).isFalse();
        assertThatThrownBy(() -> connect(url).close()).isInstanceOf(SQLException.class);
        postgres.start();

        assertThat(queryBody(url)).isEqualTo("survives a restart");
        assertThat(postgres.version()).startsWith("17.");
    }

    @Test
    void recoversAfterACrash() throws SQLException {
        String url = postgres.createDatabase("crash_test");
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            statement.execute("INSERT INTO notes VALUES (1, 'committed before the crash')");
        }

        postgres.kill();
        postgres.start();

        assertThat(queryBody(url)).isEqualTo("committed before the crash");
    }

    @Test
    void runsWithTheAdvertisedSettings() throws Exception {
        try (Connection connection = connect(postgres.jdbcUrl("postgres"));
                Statement statement = connection.createStatement()) {
            assertThat(show(statement, "max_connections")).isEqualTo("300");
            assertThat(show(statement, "shared_buffers")).isEqualTo("256MB");
            assertThat(show(statement, "fsync")).isEqualTo("on");
            assertThat(show(statement, "synchronous_commit")).isEqualTo("on");
            assertThat(show(statement, "server_encoding")).isEqualTo("UTF8");
        }
        assertThat(Files.readString(postgres.logFile())).contains("database system is ready to accept connections");
    }

    @Test
    void createDatabaseGivesAFreshEmptyDatabase() throws SQLException {
        String url = postgres.createDatabase("fresh_test");
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE leftover (id int)");
        }
        postgres.createDatabase("fresh_test");
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement();
                ResultSet tables =
                        statement.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'leftover'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
    }

    @Test
    void closeDeletesTheDataDirectory() {
        PostgresServer other =
                PostgresServer.start(PostgresServer.Options.defaults().fsync(false));
        Path data = other.dataDirectory();
        assertThat(data).isDirectory();
        other.close();
        assertThat(data).doesNotExist();
        assertThat(other.isRunning()).isFalse();
    }

    @Test
    void aServerThatCannotStartIsReportedWithItsLog() {
        assertThatThrownBy(() ->
                        PostgresServer.start(PostgresServer.Options.defaults().setting("shared_buffers", "lots")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL exited with code")
                .hasMessageContaining("postgres.log")
                .hasMessageContaining("shared_buffers");
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static String queryBody(String url) throws SQLException {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT body FROM notes WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
