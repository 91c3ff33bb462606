package io.grizz.compose.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grizz.compose.server.LocalStack;
import io.grizz.compose.server.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestStacksTest {

    @Test
    void theLocalStackIsTheDefault() {
        assertThat(System.getProperty(TestStacks.PROPERTY)).isNull();
        assertThat(TestStacks.selected())
                .isEqualTo(
                        System.getenv(TestStacks.ENVIRONMENT_VARIABLE) == null
                                ? "local"
                                : System.getenv(TestStacks.ENVIRONMENT_VARIABLE));
    }

    @Test
    void refusesAnUnknownStack() {
        assertThatThrownBy(() -> TestStacks.create("docker-swarm", Map.of()))
                .hasMessageContaining("local, testcontainers or external");
    }

    @Test
    void theExternalStackNamesTheMissingVariables() {
        assertThatThrownBy(() -> TestStacks.create("external", Map.of("DATABASE_URL", "jdbc:postgresql://db/x")))
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS")
                .hasMessageContaining("DATABASE_USERNAME")
                .hasMessageContaining("DATABASE_PASSWORD")
                .message()
                .doesNotContain("DATABASE_URL,");
    }

    @Test
    void theExternalStackWorksAgainstRealServers() throws Exception {
        LocalStack local = LocalStack.shared();
        TestStack external = TestStacks.create(
                "external",
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", local.kafka().bootstrapServers(),
                        "DATABASE_URL", local.postgres().jdbcUrl("postgres") + "?ApplicationName=grizz-test",
                        "DATABASE_USERNAME", local.postgres().username(),
                        "DATABASE_PASSWORD", local.postgres().password()));

        assertThat(external.localPostgres()).isEmpty();
        assertThat(external.jdbcUrl("other"))
                .isEqualTo(local.postgres().jdbcUrl("other") + "?ApplicationName=grizz-test");
        String url = external.createDatabase("external_test");
        try (Connection connection = connect(url)) {
            assertThat(connection.getCatalog()).isEqualTo("external_test");
        }
        external.createTopic("external-test", 2);
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
