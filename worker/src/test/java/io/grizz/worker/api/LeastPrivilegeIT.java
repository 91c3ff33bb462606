package io.grizz.worker.api;

import static io.grizz.worker.support.ReadApiFixture.serviceToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grizz.compose.testkit.TestStack;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.ApiClient.Response;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.ReadApiFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * docs/contract.md §4/§5 least privilege: the read API migrates nothing, runs as a user with SELECT on the two
 * tables only, and stays not ready — saying why — until the schema is at the version it reads.
 */
class LeastPrivilegeIT {

    @Test
    void aReadApiAsASelectOnlyUserServesReadsAndIsReady() throws SQLException {
        ReadApiFixture fixture = ReadApiFixture.shared();
        UUID user = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        fixture.sendAndAwait(Events.created(conversation, user, UUID.randomUUID(), 1, "hello"));
        String role = "reader_" + UUID.randomUUID().toString().substring(0, 8);
        JdbcTemplate admin = fixture.ingest().jdbc();
        admin.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'reader-password'");
        admin.execute("GRANT SELECT ON conversations, messages TO " + role);

        ConfigurableApplicationContext readApi = fixture.startReadApi(
                Map.of("spring.datasource.username", role, "spring.datasource.password", "reader-password"));
        try {
            ApiClient api = ReadApiFixture.client(readApi);
            assertThat(api.get("/v1/conversations/" + conversation + "/messages", serviceToken())
                            .status())
                    .isEqualTo(200);
            awaitReadiness(api, "UP");
            Response readiness = api.get("/actuator/health/readiness", serviceToken());
            assertThat(readiness.json().at("/components/schema/details/version").asInt())
                    .isEqualTo(3);
            try (Connection connection = readApi.getBean(
                            ReadApiConfiguration.READ_DATA_SOURCE, javax.sql.DataSource.class)
                    .getConnection()) {
                assertThat(connection.isReadOnly()).isTrue();
            }
        } finally {
            readApi.close();
        }
    }

    @Test
    void onAnEmptyDatabaseTheReadApiStaysNotReadyAndSaysWhyUntilMigrateHasRun() throws Exception {
        ReadApiFixture fixture = ReadApiFixture.shared();
        TestStack stack = fixture.ingest().stack();
        String database = "empty_" + UUID.randomUUID().toString().substring(0, 8);
        stack.createDatabase(database);
        String url = stack.jdbcUrl(database);
        ConfigurableApplicationContext readApi = fixture.startReadApi(Map.of("spring.datasource.url", url));
        try {
            ApiClient api = ReadApiFixture.client(readApi);
            awaitReadinessDetail(api, "schema not found");
            assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(503);
            assertThat(new JdbcTemplate(new DriverManagerDataSource(url, stack.username(), stack.password()))
                            .queryForObject("SELECT to_regclass('flyway_schema_history') IS NULL", Boolean.class))
                    .as("the read API ran no migration")
                    .isTrue();

            Flyway.configure()
                    .dataSource(url, stack.username(), stack.password())
                    .locations("classpath:db/migration")
                    .target("2")
                    .load()
                    .migrate();
            awaitReadinessDetail(api, "schema version 2 found, 3 expected");

            Path out = Files.createTempFile("grizz-migrate-", ".out");
            ProcessBuilder migrate = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            System.getProperty("grizz.worker.jar", "target/grizz-worker.jar"),
                            "migrate")
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            migrate.environment().put("DATABASE_URL", url);
            migrate.environment().put("DATABASE_USERNAME", stack.username());
            if (stack.password() != null) {
                migrate.environment().put("DATABASE_PASSWORD", stack.password());
            }
            Process process = migrate.start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(out)).isZero();
            assertThat(Files.readString(out)).contains("1 migration(s) applied; schema version 3");

            awaitReadiness(api, "UP");
        } finally {
            readApi.close();
        }
    }

    private static void awaitReadiness(ApiClient api, String status) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/actuator/health/readiness", null)
                        .json()
                        .get("status")
                        .asString()
                        .equals(status));
    }

    private static void awaitReadinessDetail(ApiClient api, String reason) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    Response readiness = api.get("/actuator/health/readiness", serviceToken());
                    assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
                    assertThat(readiness
                                    .json()
                                    .at("/components/schema/details/reason")
                                    .asString())
                            .contains(reason);
                });
    }
}
