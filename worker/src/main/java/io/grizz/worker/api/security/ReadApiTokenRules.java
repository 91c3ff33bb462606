package io.grizz.worker.api.security;

import io.grizz.worker.api.ReadApiProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What a verified signature is not enough for (docs/contract.md §5), the same in the secret and the issuer
 * modes: the token must carry {@code exp} and be within it (and {@code nbf}), give or take
 * {@link #CLOCK_SKEW}; when {@code READ_API_JWT_AUDIENCE} is set its {@code aud} must contain it;
 * and it must stand for a reader.
 *
 * <p>Spelled out instead of {@code JwtValidators.createDefault…}: those accept a token without
 * {@code exp} — valid forever once leaked — and allow 60 s of skew.
 */
final class ReadApiTokenRules {

    /** Clocks of issuer and API may differ by this much; short next to any token's lifetime. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private ReadApiTokenRules() {}

    /** @param issuer the issuer tokens must name, or null in the secret mode */
    static OAuth2TokenValidator<Jwt> of(ReadApiProperties properties, String issuer) {
        List<OAuth2TokenValidator<Jwt>> rules = new ArrayList<>();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setAllowEmptyExpiryClaim(false);
        rules.add(timestamps);
        if (issuer != null) {
            rules.add(new JwtIssuerValidator(issuer));
        }
        if (properties.hasJwtAudience()) {
            rules.add(new JwtAudienceValidator(properties.jwtAudience()));
        }
        rules.add(new ReaderTokenValidator());
        return new DelegatingOAuth2TokenValidator<>(rules);
    }
}
