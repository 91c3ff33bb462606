package io.grizz.compose.dev;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens for the read API (docs/contract.md §5): HS256 JWTs signed with the UTF-8 bytes of READ_API_JWT_SECRET. Small
 * enough to
 * write with javax.crypto, so dev mode needs no JWT library.
 */
public final class ReadApiToken {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReadApiToken() {}

    /** A random secret of 64 base64url characters (48 random bytes); its UTF-8 form is the 64-byte HMAC key. */
    public static String newSecret() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** A signed token with claims sub, scope, iat and exp (iat + validity), in seconds since the epoch. */
    public static String issue(String secret, String subject, String scope, Instant issuedAt, Duration validity) {
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String claims = "{\"sub\":" + jsonString(subject) + ",\"scope\":" + jsonString(scope) + ",\"iat\":"
                + issuedAt.getEpochSecond() + ",\"exp\":"
                + issuedAt.plus(validity).getEpochSecond() + "}";
        String signingInput = base64url(header) + "." + base64url(claims);
        return signingInput + "." + BASE64URL.encodeToString(hmacSha256(secret, signingInput));
    }

    static byte[] hmacSha256(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonString(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
