package io.grizz.worker.api.security;

import static io.grizz.worker.api.ReadApiAssertions.assertProblem;
import static io.grizz.worker.support.ReadApiFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grizz.worker.config.InvalidSettingsException;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.ReadApiFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/contract.md §5: a token must carry exp; READ_API_JWT_AUDIENCE, when set, must be in aud; a
 * secret and an issuer together refuse the start, naming both.
 */
class ReadApiTokenRulesIT {

    private static final String AUDIENCE = "grizz-read-api";
    private static final UUID OWNER = UUID.randomUUID();
    private static final UUID CONVERSATION = UUID.randomUUID();

    private static ReadApiFixture fixture;
    private static ConfigurableApplicationContext withAudience;

    @BeforeAll
    static void start() {
        fixture = ReadApiFixture.shared();
        fixture.sendAndAwait(Events.created(CONVERSATION, OWNER, UUID.randomUUID(), 1, "hello"));
        withAudience = fixture.startReadApi(Map.of("grizz.read-api.jwt-audience", AUDIENCE));
    }

    @AfterAll
    static void stop() {
        withAudience.close();
    }

    @Test
    void aTokenWithoutExpIs401() throws JOSEException {
        String forever = sign(new JWTClaimsSet.Builder()
                .subject(OWNER.toString())
                .issueTime(new Date())
                .build());
        assertProblem(fixture.api().get(path(), forever), 401, "no exp");
        assertThat(fixture.api().get(path(), forever).json().get("detail").asString())
                .containsIgnoringCase("exp");
        assertThat(fixture.api()
                        .get(path(), sign(claims(Instant.now().plusSeconds(300)).build()))
                        .status())
                .as("the same token with exp")
                .isEqualTo(200);
    }

    @Test
    void aTokenJustExpiredIsStillAcceptedWithinTheClockSkewButNotBeyond() throws JOSEException {
        String withinSkew = sign(claims(Instant.now().minusSeconds(10)).build());
        assertThat(fixture.api().get(path(), withinSkew).status()).isEqualTo(200);
        String beyondSkew = sign(claims(Instant.now().minusSeconds(ReadApiTokenRules.CLOCK_SKEW.toSeconds() + 30))
                .build());
        assertProblem(fixture.api().get(path(), beyondSkew), 401, "expired beyond the skew");
    }

    @Test
    void withAnAudienceSetOnlyTokensForItAreAccepted() throws JOSEException {
        ApiClient api = ReadApiFixture.client(withAudience);
        Instant exp = Instant.now().plusSeconds(300);
        assertThat(api.get(path(), sign(claims(exp).audience(AUDIENCE).build())).status())
                .isEqualTo(200);
        assertThat(api.get(
                                path(),
                                sign(claims(exp)
                                        .audience(java.util.List.of("other", AUDIENCE))
                                        .build()))
                        .status())
                .as("aud is a list holding it")
                .isEqualTo(200);
        assertProblem(api.get(path(), sign(claims(exp).audience("another-api").build())), 401, "wrong aud");
        assertProblem(api.get(path(), sign(claims(exp).build())), 401, "no aud");
    }

    @Test
    void aSecretAndAnIssuerTogetherRefuseTheStartNamingBoth() {
        assertThatThrownBy(
                        () -> fixture.startReadApi(Map.of("grizz.read-api.jwt-issuer-uri", "https://issuer.invalid")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("READ_API_JWT_SECRET")
                .hasMessageContaining("READ_API_JWT_ISSUER_URI");
    }

    @Test
    void theWorkerJarWithASecretAndAnIssuerExitsNonZeroNamingBoth() throws Exception {
        Path log = Files.createTempFile("grizz-both-auth-", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        System.getProperty("grizz.worker.jar", "target/grizz-worker.jar"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("GRIZZ_ROLES", "read-api");
        env.put("DATABASE_URL", fixture.ingest().environment().get("DATABASE_URL"));
        env.put("READ_API_JWT_SECRET", SECRET);
        env.put("READ_API_JWT_ISSUER_URI", "https://issuer.invalid");
        env.put("SERVER_PORT", "0");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("READ_API_JWT_SECRET and READ_API_JWT_ISSUER_URI are both set");
    }

    private static String path() {
        return "/v1/conversations/" + CONVERSATION;
    }

    private static JWTClaimsSet.Builder claims(Instant exp) {
        return new JWTClaimsSet.Builder()
                .subject(OWNER.toString())
                .issueTime(Date.from(exp.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(exp));
    }

    private static String sign(JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
