package io.grizz.worker.api.security;

import static io.grizz.worker.api.ReadApiAssertions.assertProblem;
import static io.grizz.worker.support.ReadApiFixture.serviceToken;
import static io.grizz.worker.support.ReadApiFixture.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.ApiClient.Response;
import io.grizz.worker.support.ReadApiFixture;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * docs/contract.md §7, for each role shape: only health, info and prometheus under /actuator, even
 * when configuration exposes more; health's status for anyone, its components only for a token
 * with the service scope.
 */
class ActuatorExposureIT {

    private static final List<String> CLOSED = List.of(
            "/actuator/env",
            "/actuator/heapdump",
            "/actuator/beans",
            "/actuator/metrics",
            "/actuator/configprops",
            "/actuator",
            "/actuator/no-such-endpoint");

    @Test
    void ingestOnly() {
        ReadApiFixture fixture = ReadApiFixture.shared();
        ApiClient api = ReadApiFixture.client(fixture.ingestWorker());
        assertClosedAndOpen(api);
        // no key to check a token with: details for nobody
        assertThat(readiness(api, serviceToken()).has("components")).isFalse();
    }

    @Test
    void readApiOnly() {
        assertAllRules(ReadApiFixture.client(ReadApiFixture.shared().readApi()));
    }

    @Test
    void bothRoles() {
        ConfigurableApplicationContext both = ReadApiFixture.shared()
                .ingest()
                .startWorker(Map.of(
                        "grizz.roles",
                        "ingest,read-api",
                        "grizz.read-api.jwt-secret",
                        ReadApiFixture.SECRET,
                        "spring.kafka.consumer.group-id",
                        "actuator-" + UUID.randomUUID()));
        try {
            assertAllRules(ReadApiFixture.client(both));
        } finally {
            both.close();
        }
    }

    @Test
    void anEndpointExposedByConfigurationIsStill404() {
        ConfigurableApplicationContext exposed = ReadApiFixture.shared()
                .startReadApi(Map.of(
                        "management.endpoints.web.exposure.include",
                        "*",
                        "management.endpoint.env.show-values",
                        "always"));
        try {
            assertAllRules(ReadApiFixture.client(exposed));
        } finally {
            exposed.close();
        }
    }

    @Test
    void onTheManagementPortTheActuatorIsThereAndNotOnTheApiPort() {
        ConfigurableApplicationContext separate =
                ReadApiFixture.shared().startReadApi(Map.of("management.server.port", "0"));
        try {
            int managementPort = Integer.parseInt(separate.getEnvironment().getProperty("local.management.port"));
            ApiClient management = new ApiClient(managementPort);
            assertClosedAndOpen(management);
            assertThat(readiness(management, serviceToken()).has("components")).isTrue();
            ApiClient apiPort = ReadApiFixture.client(separate);
            assertProblem(apiPort.get("/actuator/health", null), 404, "health on the API port");
        } finally {
            separate.close();
        }
    }

    private static void assertAllRules(ApiClient api) {
        assertClosedAndOpen(api);
        assertThat(readiness(api, userToken(UUID.randomUUID())).has("components"))
                .as("a user's token")
                .isFalse();
        Response withService = api.get("/actuator/health/readiness", serviceToken());
        assertThat(withService.status()).isEqualTo(200);
        assertThat(withService.json().get("components").has("database"))
                .as(withService.body())
                .isTrue();
        assertThat(withService.json().get("components").has("schema"))
                .as(withService.body())
                .isTrue();
    }

    private static void assertClosedAndOpen(ApiClient api) {
        for (String path : CLOSED) {
            for (String token : Arrays.asList(null, serviceToken())) {
                assertProblem(api.get(path, token), 404, path + (token == null ? "" : " with a service token"));
            }
        }
        for (String path : List.of(
                "/actuator/health",
                "/actuator/health/readiness",
                "/actuator/health/liveness",
                "/actuator/info",
                "/actuator/prometheus")) {
            assertThat(api.getAny(path).status()).as(path).isEqualTo(200);
        }
        Response readiness = api.get("/actuator/health/readiness", null);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().has("components"))
                .as("no details without a token: " + readiness.body())
                .isFalse();
    }

    private static JsonNode readiness(ApiClient api, String token) {
        Response response = api.get("/actuator/health/readiness", token);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }
}
