package io.grizz.compose.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.Wire;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReadApiTokenTest {

    @Test
    void isAnHs256JwtSignedWithTheSecret() {
        String secret = ReadApiToken.newSecret();
        Instant issuedAt = Instant.parse("2026-01-02T03:04:05Z");
        String token = ReadApiToken.issue(
                secret, "5b4b7d0e-8f0e-4f55-9c31-2f6c1f3a9d11", Wire.SERVICE_SCOPE, issuedAt, Duration.ofHours(24));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(token).doesNotContain("=");
        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(decode(parts[1]))
                .isEqualTo("{\"sub\":\"5b4b7d0e-8f0e-4f55-9c31-2f6c1f3a9d11\","
                        + "\"scope\":\"messages:read:all\",\"iat\":1767323045,\"exp\":1767409445}");

        byte[] expected = hmacSha256(secret.getBytes(StandardCharsets.UTF_8), parts[0] + "." + parts[1]);
        assertThat(MessageDigest.isEqual(Base64.getUrlDecoder().decode(parts[2]), expected))
                .isTrue();
        assertThat(MessageDigest.isEqual(
                        Base64.getUrlDecoder().decode(parts[2]),
                        hmacSha256(
                                ReadApiToken.newSecret().getBytes(StandardCharsets.UTF_8), parts[0] + "." + parts[1])))
                .isFalse();
    }

    @Test
    void secretIsAtLeast32RandomBytes() {
        String secret = ReadApiToken.newSecret();
        assertThat(secret.getBytes(StandardCharsets.UTF_8).length).isGreaterThanOrEqualTo(32);
        assertThat(secret).isNotEqualTo(ReadApiToken.newSecret()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void escapesClaimText() {
        String token =
                ReadApiToken.issue("0123456789abcdef0123456789abcdef", "a\"b\\c", "x", Instant.EPOCH, Duration.ZERO);
        assertThat(decode(token.split("\\.")[1])).startsWith("{\"sub\":\"a\\\"b\\\\c\"");
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static byte[] hmacSha256(byte[] key, String data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
