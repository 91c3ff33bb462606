package io.grizz.worker.api;

import static io.grizz.worker.api.ReadApiAssertions.assertProblem;
import static io.grizz.worker.support.ReadApiFixture.serviceToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.ReadApiFixture;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.security.web.SecurityFilterChain;

/**
 * GRIZZ_ROLES splits the deployment: a read-api-only worker has no Kafka client of any kind and
 * needs no Kafka setting; an ingest-only worker serves no {@code /v1}. DATABASE_READ_URL gives the
 * read API a pool of its own.
 */
class ReadApiRolesIT {

    private static final UUID USER = UUID.randomUUID();
    private static final UUID CONVERSATION = UUID.randomUUID();

    private static ReadApiFixture fixture;

    @BeforeAll
    static void storeOneMessage() {
        fixture = ReadApiFixture.shared();
        fixture.sendAndAwait(Events.created(CONVERSATION, USER, UUID.randomUUID(), 1, "hello"));
    }

    @Test
    void aReadApiOnlyWorkerWithoutKafkaSettingsBuildsNoKafkaClientAndServesTheData() {
        ConfigurableApplicationContext readApi = fixture.readApi();

        assertThat(readApi.getEnvironment().getProperty("spring.kafka.bootstrap-servers", ""))
                .isBlank();
        for (Class<?> kafka : List.of(
                KafkaAdmin.class,
                ProducerFactory.class,
                ConsumerFactory.class,
                KafkaTemplate.class,
                KafkaListenerEndpointRegistry.class)) {
            assertThat(readApi.getBeanNamesForType(kafka))
                    .as(kafka.getSimpleName())
                    .isEmpty();
        }
        ApiClient api = fixture.api();
        assertThat(api.get("/v1/conversations/" + CONVERSATION, serviceToken())
                        .json()
                        .get("message_count")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void anIngestOnlyWorkerServesNoV1ButItsActuator() {
        ConfigurableApplicationContext ingest = fixture.ingestWorker();
        ApiClient api = ReadApiFixture.client(ingest);

        // docs/contract.md §7: every role runs behind the one chain, so exposing an endpoint cannot open it
        assertThat(ingest.getBeanNamesForType(SecurityFilterChain.class)).hasSize(1);
        for (String path : List.of(
                "/v1/conversations/" + CONVERSATION,
                "/v1/conversations/" + CONVERSATION + "/messages",
                "/v1/users/" + USER + "/conversations")) {
            assertProblem(api.get(path, serviceToken()), 404, path);
            assertProblem(api.get(path, null), 404, path + " without a token");
        }
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.getAny("/actuator/prometheus").body()).contains("grizz_events_consumed_total");
    }

    @Test
    void aWorkerWithBothRolesByDefaultConsumesAndServes() {
        ConfigurableApplicationContext both = fixture.ingest()
                .startWorker(Map.of(
                        "grizz.roles",
                        "ingest,read-api",
                        "grizz.read-api.jwt-secret",
                        ReadApiFixture.SECRET,
                        "spring.kafka.consumer.group-id",
                        "both-roles-" + UUID.randomUUID()));
        try {
            assertThat(both.getBeanNamesForType(KafkaListenerEndpointRegistry.class))
                    .isNotEmpty();
            ApiClient api = ReadApiFixture.client(both);
            assertThat(api.get("/v1/conversations/" + CONVERSATION, serviceToken())
                            .status())
                    .isEqualTo(200);
            assertProblem(api.get("/v1/conversations/" + CONVERSATION, null), 401, "without a token");
        } finally {
            both.close();
        }
    }

    @Test
    void aReadDatabaseThatDoesNotAnswerIsA503ProblemWithoutDetailsOfTheFailure() {
        ConfigurableApplicationContext readApi = fixture.startReadApi(Map.of(
                "grizz.read-api.database-url", "jdbc:postgresql://127.0.0.1:1/nowhere",
                "spring.datasource.hikari.connection-timeout", "1000"));
        try {
            ApiClient api = ReadApiFixture.client(readApi);
            ApiClient.Response response = api.get("/v1/conversations/" + CONVERSATION, serviceToken());
            assertProblem(response, 503, "read database down");
            assertThat(response.body()).doesNotContain("127.0.0.1").doesNotContain("nowhere");
        } finally {
            readApi.close();
        }
    }

    @Test
    void databaseReadUrlGivesTheReadApiAReadOnlyPoolOfItsOwnAndItsOnlyPool() throws Exception {
        String url = fixture.ingest().environment().get("DATABASE_URL");
        ConfigurableApplicationContext readApi =
                fixture.startReadApi(Map.of("grizz.read-api.database-url", url, "grizz.read-api.pool-size", "3"));
        try {
            HikariDataSource pool = readApi.getBean(ReadApiConfiguration.READ_DATA_SOURCE, HikariDataSource.class);
            assertThat(pool.getPoolName()).isEqualTo("grizz-read-api");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
            assertThat(pool.getMinimumIdle()).isEqualTo(3);
            try (Connection connection = pool.getConnection()) {
                assertThat(connection.isReadOnly()).isTrue();
            }
            // no main pool: a read-api-only instance holds no connection it does not read with
            assertThat(readApi.getBeanNamesForType(DataSource.class))
                    .containsExactly(ReadApiConfiguration.READ_DATA_SOURCE);

            ApiClient api = ReadApiFixture.client(readApi);
            assertThat(api.get("/v1/conversations/" + CONVERSATION, serviceToken())
                            .status())
                    .isEqualTo(200);
            assertThat(api.getAny("/actuator/prometheus").body())
                    .contains("hikaricp_connections_active{application=\"grizz-worker\",pool=\"grizz-read-api\"}");
        } finally {
            readApi.close();
        }
    }
}
