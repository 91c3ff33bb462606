package io.grizz.worker.api.security;

import static io.grizz.worker.api.ReadApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.ReadApiFixture;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * READ_API_JWT_ISSUER_URI instead of the secret: tokens signed (RS256) by an issuer that
 * publishes its keys (OpenID discovery, JWK set), here a small HTTP server on the loopback.
 */
class ReadApiIssuerIT {

    private static final UUID OWNER = UUID.randomUUID();
    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final String AUDIENCE = "grizz-read-api";

    private static HttpServer issuerServer;
    private static String issuer;
    private static RSAKey key;
    private static ConfigurableApplicationContext readApi;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        issuerServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + issuerServer.getAddress().getPort() + "/issuer";
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"subject_types_supported\":[\"public\"],\"response_types_supported\":[\"code\"]}";
        serve("/issuer/.well-known/openid-configuration", discovery);
        serve("/issuer/jwks", new JWKSet(key.toPublicJWK()).toString());
        issuerServer.start();

        ReadApiFixture fixture = ReadApiFixture.shared();
        fixture.sendAndAwait(Events.created(CONVERSATION, OWNER, UUID.randomUUID(), 1, "hello"));
        readApi = fixture.startReadApi(Map.of(
                "grizz.read-api.jwt-secret",
                "",
                "grizz.read-api.jwt-issuer-uri",
                issuer,
                "grizz.read-api.jwt-audience",
                AUDIENCE,
                "grizz.read-api.cursor-secret",
                "cursor-secret-shared-by-all-instances"));
        api = ReadApiFixture.client(readApi);
    }

    @AfterAll
    static void stop() {
        readApi.close();
        issuerServer.stop(0);
    }

    @Test
    void aTokenTheIssuerSignedIsAccepted() throws JOSEException {
        assertThat(api.get("/v1/conversations/" + CONVERSATION, sign(issuer, OWNER.toString(), ""))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/v1/conversations/" + CONVERSATION, sign(issuer, "svc", "messages:read:all"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aTokenTheIssuerSignedForAnotherApplicationIsRefused() throws JOSEException {
        // the issuer's token for another application names the same user in its sub: not valid here
        assertProblem(
                api.get("/v1/conversations/" + CONVERSATION, sign(issuer, OWNER.toString(), "", "another-app")),
                401,
                "token of another audience");
        assertProblem(
                api.get("/v1/conversations/" + CONVERSATION, sign(issuer, OWNER.toString(), "", null)),
                401,
                "token without an audience");
    }

    @Test
    void aTokenOfAnotherIssuerOrAnotherKeyIsRefused() throws JOSEException {
        assertProblem(
                api.get("/v1/conversations/" + CONVERSATION, sign("http://elsewhere", OWNER.toString(), "")),
                401,
                "other issuer");
        assertProblem(
                api.get("/v1/conversations/" + CONVERSATION, ReadApiFixture.userToken(OWNER)),
                401,
                "HS256 token, no secret configured");
    }

    private static String sign(String iss, String subject, String scope) throws JOSEException {
        return sign(iss, subject, scope, AUDIENCE);
    }

    private static String sign(String iss, String subject, String scope, String audience) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(iss)
                .audience(audience)
                .subject(subject)
                .claim("scope", scope)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void serve(String path, String json) {
        issuerServer.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }
}
