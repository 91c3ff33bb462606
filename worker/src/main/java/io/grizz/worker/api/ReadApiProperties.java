package io.grizz.worker.api;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The read API's settings, mapped from docs/contract.md §6 variables in {@code application.yml}. Empty text
 * means "not set", as an unset {@code ${VAR:}} arrives. Declared, defaulted and constrained here only (see
 * {@code GrizzProperties}); that the JWT settings fit together, and that the read-api role has one, is
 * {@code RequiredSettings}' to check: one setting against another, or against the roles. A number is boxed, so that
 * an unset {@code ${VAR:}}, empty text, binds to the default (see {@code GrizzProperties}).
 *
 * @param jwtSecret        {@code READ_API_JWT_SECRET}: HS256 key, the UTF-8 bytes of this text
 * @param jwtIssuerUri     {@code READ_API_JWT_ISSUER_URI}: an issuer whose published keys verify tokens, instead
 * @param jwtAudience      {@code READ_API_JWT_AUDIENCE}: when set, a token's {@code aud} must contain it
 * @param databaseUrl      {@code DATABASE_READ_URL}: where to read (e.g. a replica); empty means {@code DATABASE_URL}
 * @param cursorSecret     {@code READ_API_CURSOR_SECRET}: signs page cursors; empty means derived from the JWT secret
 * @param statementTimeout {@code READ_API_STATEMENT_TIMEOUT}: server-side limit of each read statement; past it the
 *                         answer is 503 (docs/contract.md §5); a read without a limit is what §5 forbids, and zero
 *                         would mean exactly that to PostgreSQL
 * @param poolSize         {@code READ_API_POOL_SIZE}: connections of the reads' pool {@code grizz-read-api}, held open
 *                         (behind PgBouncer in session mode each pins a server connection: docs/operations.md)
 * @param maxReplicaLag    {@code READ_API_MAX_REPLICA_LAG}: past this lag of the read database, readiness is DOWN
 * @param minRevisionWait  {@code READ_API_MIN_REVISION_WAIT}: how long a read with {@code min_revision} waits for the
 *                         read database to replay that revision before it answers 503
 */
@ConfigurationProperties("grizz.read-api")
public record ReadApiProperties(
        @DefaultValue("") String jwtSecret,
        @DefaultValue("") String jwtIssuerUri,
        @DefaultValue("") String jwtAudience,
        @DefaultValue("") String databaseUrl,
        @DefaultValue("") String cursorSecret,

        @DefaultValue("5s") @DurationMin(millis = 1, message = AT_LEAST_1MS)
        Duration statementTimeout,

        @DefaultValue("" + DEFAULT_POOL_SIZE) @Positive(message = "must be at least 1")
        Integer poolSize,

        @DefaultValue("30s") @DurationMin(millis = 1, message = AT_LEAST_1MS)
        Duration maxReplicaLag,

        @DefaultValue("5s") Duration minRevisionWait) {

    public static final String DATABASE_URL_PROPERTY = "grizz.read-api.database-url";

    /**
     * Four, as the ingest pool: two instances of both roles, or three ingest-only and two read-api-only instances,
     * then fit PgBouncer's default {@code default_pool_size} of 20 (docs/operations.md, "Connections").
     */
    public static final int DEFAULT_POOL_SIZE = 4;

    private static final String AT_LEAST_1MS = "must be at least 1ms";

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
