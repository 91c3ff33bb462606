package io.grizz.worker.api.security;

import io.grizz.contracts.Wire;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses, as an invalid token (401), a token that stands for no reader: without the service
 * scope its {@code sub} must be a user id (docs/contract.md §5). Checked at verification, so no endpoint can
 * forget it.
 */
class ReaderTokenValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error NO_READER = new OAuth2Error(
            OAuth2ErrorCodes.INVALID_TOKEN,
            "The token's sub is not a user id (UUID) and it has no " + Wire.SERVICE_SCOPE + " scope",
            null);

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        return Reader.of(token).isPresent()
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(NO_READER);
    }
}
