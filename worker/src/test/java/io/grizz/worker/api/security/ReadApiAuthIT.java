package io.grizz.worker.api.security;

import static io.grizz.worker.api.ReadApiAssertions.assertProblem;
import static io.grizz.worker.support.ReadApiFixture.SECRET;
import static io.grizz.worker.support.ReadApiFixture.serviceToken;
import static io.grizz.worker.support.ReadApiFixture.token;
import static io.grizz.worker.support.ReadApiFixture.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.compose.dev.ReadApiToken;
import io.grizz.contracts.Wire;
import io.grizz.worker.support.ApiClient;
import io.grizz.worker.support.ApiClient.Response;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.ReadApiFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The authentication matrix of docs/contract.md §5 (HS256 with READ_API_JWT_SECRET), over real HTTP. */
class ReadApiAuthIT {

    private static final UUID OWNER = UUID.randomUUID();
    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final UUID MESSAGE = UUID.randomUUID();

    private static ApiClient api;

    @BeforeAll
    static void storeOneMessage() {
        ReadApiFixture fixture = ReadApiFixture.shared();
        api = fixture.api();
        fixture.sendAndAwait(Events.created(CONVERSATION, OWNER, MESSAGE, 1, "private"));
    }

    private static List<String> endpoints() {
        return List.of(
                "/v1/conversations/" + CONVERSATION,
                "/v1/conversations/" + CONVERSATION + "/messages",
                "/v1/messages/" + MESSAGE,
                "/v1/users/" + OWNER + "/conversations");
    }

    @Test
    void theOwnerReadsEveryEndpoint() {
        for (String path : endpoints()) {
            assertThat(api.get(path, userToken(OWNER)).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void withoutATokenEveryEndpointIs401WithABearerChallenge() {
        for (String path : endpoints()) {
            Response response = api.get(path, null);
            assertProblem(response, 401, path);
            assertThat(response.header("WWW-Authenticate")).as(path).startsWith("Bearer");
        }
    }

    @Test
    void aTokenSignedWithAnotherSecretIs401() {
        String forged = ReadApiToken.issue(
                "another-secret-that-is-also-32-bytes-long",
                OWNER.toString(),
                "",
                Instant.now(),
                Duration.ofMinutes(5));
        assertInvalidToken(forged, "bad signature");
        String forgedService = ReadApiToken.issue(
                "another-secret-that-is-also-32-bytes-long",
                "svc",
                Wire.SERVICE_SCOPE,
                Instant.now(),
                Duration.ofMinutes(5));
        assertInvalidToken(forgedService, "bad signature, service scope");
    }

    @Test
    void anExpiredTokenIs401() {
        String expired = ReadApiToken.issue(
                SECRET, OWNER.toString(), "", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
        assertInvalidToken(expired, "expired");
    }

    @Test
    void garbledAndUnsignedTokensAre401() {
        assertInvalidToken("not-a-jwt", "garbled");
        assertInvalidToken("a.b.c", "three garbled parts");
        String claims = "{\"sub\":\"" + OWNER + "\",\"scope\":\"" + Wire.SERVICE_SCOPE + "\",\"exp\":"
                + Instant.now().plusSeconds(300).getEpochSecond() + "}";
        String unsigned = base64url("{\"alg\":\"none\"}") + "." + base64url(claims) + ".";
        assertInvalidToken(unsigned, "alg none");
    }

    @Test
    void aSubjectThatIsNoUuidIs401WithoutTheServiceScope() {
        assertInvalidToken(token("alice", ""), "sub alice");
        assertInvalidToken(token("alice", "messages:read openid"), "sub alice, other scopes");
        assertInvalidToken(token("1-1-1-1-1", ""), "sub not canonical");
    }

    @Test
    void anotherUsersConversationsAndMessagesAre404LikeUnknownOnes() {
        String stranger = userToken(UUID.randomUUID());
        for (String path : endpoints()) {
            assertProblem(api.get(path, stranger), 404, path);
        }
    }

    @Test
    void theServiceScopeSeesEverythingWhateverItsSubject() {
        for (String token : List.of(
                serviceToken(), token(UUID.randomUUID().toString(), "openid " + Wire.SERVICE_SCOPE + " profile"))) {
            for (String path : endpoints()) {
                assertThat(api.get(path, token).status()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void healthMetricsAndTheApiDocumentNeedNoToken() {
        for (String path :
                List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/v3/api-docs")) {
            assertThat(api.getAny(path).status()).as(path).isEqualTo(200);
        }
    }

    private static void assertInvalidToken(String token, String what) {
        for (String path : endpoints()) {
            Response response = api.get(path, token);
            assertProblem(response, 401, what + " " + path);
            assertThat(response.header("WWW-Authenticate"))
                    .as(what)
                    .startsWith("Bearer")
                    .contains("error=\"invalid_token\"");
        }
    }

    private static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
