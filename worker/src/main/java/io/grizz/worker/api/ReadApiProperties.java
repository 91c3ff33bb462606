package io.grizz.worker.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The read API's settings, mapped from SPEC §6 variables in {@code application.yml}. Empty text
 * means "not set", as an unset {@code ${VAR:}} arrives.
 *
 * @param jwtSecret    {@code READ_API_JWT_SECRET}: HS256 key, the UTF-8 bytes of this text
 * @param jwtIssuerUri {@code READ_API_JWT_ISSUER_URI}: an issuer whose published keys verify tokens, instead
 * @param databaseUrl  {@code DATABASE_READ_URL}: where to read (e.g. a replica); empty means {@code DATABASE_URL}
 * @param cursorSecret {@code READ_API_CURSOR_SECRET}: signs page cursors; empty means derived from the JWT secret
 */
@ConfigurationProperties("grizz.read-api")
public record ReadApiProperties(
        @DefaultValue("") String jwtSecret,
        @DefaultValue("") String jwtIssuerUri,
        @DefaultValue("") String databaseUrl,
        @DefaultValue("") String cursorSecret) {

    public static final String DATABASE_URL_PROPERTY = "grizz.read-api.database-url";

    public boolean hasJwtSecret() {
        return !jwtSecret.isBlank();
    }

    public boolean hasCursorSecret() {
        return !cursorSecret.isBlank();
    }
}
