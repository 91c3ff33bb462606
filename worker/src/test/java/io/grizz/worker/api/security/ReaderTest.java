package io.grizz.worker.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class ReaderTest {

    private static final UUID USER = UUID.randomUUID();

    @Test
    void aUserTokenReadsOnlyWhatThatUserOwns() {
        Reader reader = Reader.of(jwt(USER.toString(), Map.of())).orElseThrow();
        assertThat(reader.mayRead(USER)).isTrue();
        assertThat(reader.mayRead(UUID.randomUUID())).isFalse();
        assertThat(Reader.of(jwt(USER.toString().toUpperCase(), Map.of("scope", "openid"))))
                .contains(reader);
    }

    @Test
    void theServiceScopeReadsEverythingInEitherClaimForm() {
        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of("scope", "openid messages:read:all"),
                Map.of("scope", List.of("messages:read:all")),
                Map.of("scp", "messages:read:all"))) {
            Reader reader = Reader.of(jwt("some-service", claims)).orElseThrow();
            assertThat(reader.mayRead(UUID.randomUUID())).as(claims.toString()).isTrue();
        }
    }

    @Test
    void aTokenOfNoUserAndNoServiceScopeStandsForNoReader() {
        assertThat(Reader.of(jwt("alice", Map.of()))).isEmpty();
        assertThat(Reader.of(jwt("alice", Map.of("scope", "messages:read messages:read:allx"))))
                .isEmpty();
        assertThat(Reader.of(jwt("1-1-1-1-1", Map.of()))).isEmpty();
        assertThat(new ReaderTokenValidator().validate(jwt("alice", Map.of())).hasErrors())
                .isTrue();
        assertThat(new ReaderTokenValidator()
                        .validate(jwt(USER.toString(), Map.of()))
                        .hasErrors())
                .isFalse();
    }

    private static Jwt jwt(String subject, Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t")
                .header("alg", "HS256")
                .subject(subject)
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
