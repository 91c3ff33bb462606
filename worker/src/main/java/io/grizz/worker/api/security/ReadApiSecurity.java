package io.grizz.worker.api.security;

import io.grizz.worker.api.ReadApiProperties;
import io.grizz.worker.config.ConditionalOnRole;
import io.grizz.worker.config.WorkerRole;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * How the read-api role verifies bearer tokens (docs/contract.md §5): HS256 with {@code READ_API_JWT_SECRET}
 * (its UTF-8 bytes are the key), or else signed by the keys that {@code READ_API_JWT_ISSUER_URI}
 * publishes — never both ({@code RequiredSettings} refuses that). What a token must claim besides
 * is {@link ReadApiTokenRules}; which paths need one is {@link EdgeSecurity}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(WorkerRole.READ_API)
class ReadApiSecurity {

    @Bean
    JwtDecoder readApiJwtDecoder(ReadApiProperties properties) {
        if (properties.hasJwtSecret()) {
            SecretKeySpec key =
                    new SecretKeySpec(properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
            decoder.setJwtValidator(ReadApiTokenRules.of(properties, null));
            return decoder;
        }
        String issuer = properties.jwtIssuerUri();
        // resolved on first use, as Boot does: start-up does not wait for (or fail on) the issuer
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder =
                    NimbusJwtDecoder.withIssuerLocation(issuer).build();
            decoder.setJwtValidator(ReadApiTokenRules.of(properties, issuer));
            return decoder;
        });
    }
}
