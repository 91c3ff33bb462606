package io.grizz.worker.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The read API's settings, mapped from docs/contract.md §6 variables in {@code application.yml}. Empty text
 * means "not set", as an unset {@code ${VAR:}} arrives.
 *
 * @param jwtSecret        {@code READ_API_JWT_SECRET}: HS256 key, the UTF-8 bytes of this text
 * @param jwtIssuerUri     {@code READ_API_JWT_ISSUER_URI}: an issuer whose published keys verify tokens, instead
 * @param jwtAudience      {@code READ_API_JWT_AUDIENCE}: when set, a token's {@code aud} must contain it
 * @param databaseUrl      {@code DATABASE_READ_URL}: where to read (e.g. a replica); empty means {@code DATABASE_URL}
 * @param cursorSecret     {@code READ_API_CURSOR_SECRET}: signs page cursors; empty means derived from the JWT secret
 * @param statementTimeout server-side limit of each read statement; past it the answer is 503 (docs/contract.md §5)
 */
@ConfigurationProperties("grizz.read-api")
public record ReadApiProperties(
        @DefaultValue("") String jwtSecret,
        @DefaultValue("") String jwtIssuerUri,
        @DefaultValue("") String jwtAudience,
        @DefaultValue("") String databaseUrl,
        @DefaultValue("") String cursorSecret,
        @DefaultValue("5s") Duration statementTimeout) {

    public static final String DATABASE_URL_PROPERTY = "grizz.read-api.database-url";

    public boolean hasJwtSecret() {
        return !jwtSecret.isBlank();
    }

    public boolean hasJwtAudience() {
        return !jwtAudience.isBlank();
    }

    public boolean hasCursorSecret() {
        return !cursorSecret.isBlank();
    }

    public boolean hasDatabaseUrl() {
        return !databaseUrl.isBlank();
    }
}
