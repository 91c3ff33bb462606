package io.grizz.worker.api.paging;

import io.grizz.worker.api.ReadApiProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that signs page cursors. Every instance behind one load balancer must use the same, or
 * a cursor from one is refused by the next: so it comes from {@code READ_API_CURSOR_SECRET}, or
 * else from {@code READ_API_JWT_SECRET}, which they share anyway. It is derived (HMAC with a
 * label), never the JWT secret itself, so a cursor says nothing about that secret's bytes.
 */
public final class CursorKey {

    private static final Logger log = LoggerFactory.getLogger(CursorKey.class);
    private static final String LABEL = "grizz-persist read-api cursor v1";

    private CursorKey() {}

    public static byte[] from(ReadApiProperties properties) {
        if (properties.hasCursorSecret()) {
            return derive(properties.cursorSecret().getBytes(StandardCharsets.UTF_8));
        }
        if (properties.hasJwtSecret()) {
            return derive(properties.jwtSecret().getBytes(StandardCharsets.UTF_8));
        }
        log.warn("READ_API_CURSOR_SECRET is not set and tokens come from an issuer: page cursors are signed with a "
                + "key of this instance only, so another instance (or this one after a restart) refuses them");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }

    private static byte[] derive(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
