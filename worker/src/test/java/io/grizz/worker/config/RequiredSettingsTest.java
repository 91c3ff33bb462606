package io.grizz.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class RequiredSettingsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void nothingSetNamesEveryMissingVariableOfTheDefaultRoles() {
        assertThat(RequiredSettings.check(new MockEnvironment()))
                .satisfiesExactly(
                        p -> assertThat(p).startsWith("DATABASE_URL"),
                        p -> assertThat(p).startsWith("KAFKA_BOOTSTRAP_SERVERS"),
                        p -> assertThat(p).startsWith("READ_API_JWT_SECRET"));
    }

    @Test
    void readApiAloneNeedsNoKafka() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("grizz.roles", "read-api")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/grizz")
                .withProperty("grizz.read-api.jwt-secret", SECRET);
        assertThat(RequiredSettings.check(env)).isEmpty();
    }

    @Test
    void ingestAloneNeedsNoJwtSecret() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("grizz.roles", "ingest")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/grizz")
                .withProperty("spring.kafka.bootstrap-servers", "kafka:9092");
        assertThat(RequiredSettings.check(env)).isEmpty();
    }

    @Test
    void anIssuerWithAnAudienceReplacesTheSecret() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("grizz.roles", "read-api")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/grizz")
                .withProperty("grizz.read-api.jwt-issuer-uri", "https://issuer.example")
                .withProperty("grizz.read-api.jwt-audience", "grizz-read-api");
        assertThat(RequiredSettings.check(env)).isEmpty();
    }

    @Test
    void anIssuerWithoutAnAudienceIsRefusedNamingBoth() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("grizz.roles", "read-api")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/grizz")
                .withProperty("grizz.read-api.jwt-issuer-uri", "https://issuer.example");
        assertThat(RequiredSettings.check(env))
                .singleElement()
                .asString()
                .startsWith("READ_API_JWT_AUDIENCE is not set")
                .contains("READ_API_JWT_ISSUER_URI");
    }

    @Test
    void wrongValuesAreNamed() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("grizz.roles", "ingest,reader")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/grizz")
                .withProperty("grizz.pooler-mode", "statement")
                .withProperty("grizz.read-api.jwt-secret", "short");
        assertThat(RequiredSettings.check(env))
                .satisfiesExactlyInAnyOrder(
                        p -> assertThat(p)
                                .startsWith("GRIZZ_ROLES (grizz.roles)")
                                .contains("reader"),
                        p -> assertThat(p)
                                .startsWith("DATABASE_POOLER_MODE (grizz.pooler-mode)")
                                .contains("'statement' is not one of session, transaction, none"));
    }

    @Test
    void aShortSecretIsRefused() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("grizz.roles", "read-api")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/grizz")
                .withProperty("grizz.read-api.jwt-secret", "short");
        assertThat(RequiredSettings.check(env))
                .singleElement()
                .satisfies(p -> assertThat(p).startsWith("READ_API_JWT_SECRET is shorter"));
    }

    @Test
    void aSecretAndAnIssuerTogetherAreRefusedNamingBoth() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("grizz.roles", "read-api")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/grizz")
                .withProperty("grizz.read-api.jwt-secret", SECRET)
                .withProperty("grizz.read-api.jwt-issuer-uri", "https://issuer.example")
                .withProperty("grizz.read-api.jwt-audience", "grizz-read-api");
        assertThat(RequiredSettings.check(env))
                .singleElement()
                .asString()
                .contains("READ_API_JWT_SECRET")
                .contains("READ_API_JWT_ISSUER_URI")
                .contains("both set");
    }

    @Test
    void aStatementTimeoutOfZeroOrNoDurationIsRefused() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("grizz.roles", "read-api")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/grizz")
                .withProperty("grizz.read-api.jwt-secret", SECRET)
                .withProperty("grizz.read-api.statement-timeout", "0s");
        assertThat(RequiredSettings.check(env))
                .singleElement()
                .asString()
                .isEqualTo("READ_API_STATEMENT_TIMEOUT (grizz.read-api.statement-timeout): '0s' must be at least 1ms");
        env.setProperty("grizz.read-api.statement-timeout", "soon");
        assertThat(RequiredSettings.check(env))
                .singleElement()
                .asString()
                .startsWith("READ_API_STATEMENT_TIMEOUT (grizz.read-api.statement-timeout): 'soon'")
                .contains("not a duration");
        env.setProperty("grizz.read-api.statement-timeout", "500ms");
        assertThat(RequiredSettings.check(env)).isEmpty();
    }

    @Test
    void anEventLimitBelowTheContentLimitOrABudgetOfNothingIsRefusedByName() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("grizz.roles", "ingest")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/grizz")
                .withProperty("spring.kafka.bootstrap-servers", "kafka:9092")
                .withProperty("grizz.max-event-bytes", "1000");
        assertThat(RequiredSettings.check(env))
                .singleElement()
                .asString()
                .startsWith(
                        "GRIZZ_MAX_EVENT_BYTES (grizz.max-event-bytes): 1000 is below the content limit of 1048576");
        env.setProperty("grizz.max-event-bytes", "1048576");
        env.setProperty("grizz.ingest.max-batch-decoded-bytes", "0");
        assertThat(RequiredSettings.check(env))
                .singleElement()
                .asString()
                .startsWith("GRIZZ_MAX_BATCH_DECODED_BYTES (grizz.ingest.max-batch-decoded-bytes)");
        env.setProperty("grizz.ingest.max-batch-decoded-bytes", "1");
        assertThat(RequiredSettings.check(env)).isEmpty();
    }

    @Test
    void everyDeclaredSettingThatDoesNotConvertOrBreaksItsConstraintIsNamedAtOnce() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("grizz.roles", "ingest")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/grizz")
                .withProperty("spring.kafka.bootstrap-servers", "kafka:9092")
                .withProperty("grizz.statement-timeout", "0ms")
                .withProperty("grizz.ingest.dead-letter-retention", "a month")
                .withProperty("grizz.read-api.pool-size", "0")
                .withProperty("grizz.read-api.max-replica-lag", "lots");
        assertThat(RequiredSettings.check(env))
                .containsExactlyInAnyOrder(
                        "GRIZZ_STATEMENTTIMEOUT (grizz.statement-timeout): '0ms' must be at least 1ms",
                        "GRIZZ_DLT_RETENTION (grizz.ingest.dead-letter-retention): 'a month' is not a duration"
                                + " (e.g. 5s, 500ms)",
                        "READ_API_POOL_SIZE (grizz.read-api.pool-size): '0' must be at least 1",
                        "READ_API_MAX_REPLICA_LAG (grizz.read-api.max-replica-lag): 'lots' is not a duration"
                                + " (e.g. 5s, 500ms)");
    }

    @Test
    void thePoolerModeIsReadInAnyLetterCase() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("grizz.roles", "ingest")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/grizz")
                .withProperty("spring.kafka.bootstrap-servers", "kafka:9092")
                .withProperty("grizz.pooler-mode", " Transaction ");
        assertThat(RequiredSettings.check(env)).isEmpty();
        assertThat(GrizzProperties.bind(env).poolerMode()).isEqualTo(PoolerMode.TRANSACTION);
    }

    @Test
    void aRoleListIsReadAsWorkerRoleParsesIt() {
        for (String roles : List.of("ingest", " read-api ", "INGEST,,read-api,", ", ingest , read-api")) {
            MockEnvironment env = new MockEnvironment()
                    .withProperty("grizz.roles", roles)
                    .withProperty("spring.datasource.url", "jdbc:postgresql://db/grizz")
                    .withProperty("spring.kafka.bootstrap-servers", "kafka:9092")
                    .withProperty("grizz.read-api.jwt-secret", SECRET);
            assertThat(RequiredSettings.check(env)).as(roles).isEmpty();
        }
        for (String roles : List.of("", " , ", "ingest read-api", "ingest;read-api")) {
            MockEnvironment env = new MockEnvironment()
                    .withProperty("grizz.roles", roles)
                    .withProperty("spring.datasource.url", "jdbc:postgresql://db/grizz");
            assertThat(RequiredSettings.check(env))
                    .as(roles)
                    .singleElement()
                    .asString()
                    .startsWith("GRIZZ_ROLES");
        }
    }
}
