package io.grizz.worker.config;

import io.grizz.worker.api.ReadApiProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Checks, before any bean exists, that the settings are valid and that the roles this instance runs have what they
 * need (docs/contract.md §6), and refuses to start otherwise, naming every missing or wrong variable at once — not
 * the first one a bean binding or a connection attempt happens to trip over minutes later.
 *
 * <p>What one setting may be is declared on its record ({@link GrizzProperties} and the others of
 * {@link DeclaredSettings#RECORDS}): its type, default and constraints, checked here through
 * {@link DeclaredSettings}. What stays here is what no constraint on one setting can say: what a role needs, and
 * how settings fit together.
 *
 * <p>Registered in {@code META-INF/spring.factories} so it runs for every start of the worker.
 */
public class RequiredSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final int MIN_JWT_SECRET_BYTES = 32;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        List<String> problems = check(event.getEnvironment());
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    static List<String> check(Environment env) {
        DeclaredSettings declared = DeclaredSettings.check(env);
        List<String> problems = new ArrayList<>(declared.problems());
        GrizzProperties grizz = declared.get(GrizzProperties.class);
        ReadApiProperties readApi = declared.get(ReadApiProperties.class);
        Set<WorkerRole> roles;
        try {
            roles = grizz.roleSet();
        } catch (IllegalArgumentException e) {
            roles = Set.of(); // reported above, by the constraint on GRIZZ_ROLES
        }
        if (blank(env, "spring.datasource.url")) {
            problems.add("DATABASE_URL is not set (the JDBC URL of PgBouncer or PostgreSQL)");
        }
        if (roles.contains(WorkerRole.INGEST) && blank(env, "spring.kafka.bootstrap-servers")) {
            problems.add("KAFKA_BOOTSTRAP_SERVERS is not set (needed by the ingest role)");
        }
        if (roles.contains(WorkerRole.READ_API)) {
            checkReadApiAuth(readApi, problems);
        }
        if (readApi.hasJwtSecret() && !readApi.jwtIssuerUri().isBlank()) {
            // whichever won, tokens signed the other way would be refused without a word: say so now
            problems.add("READ_API_JWT_SECRET and READ_API_JWT_ISSUER_URI are both set; set only one "
                    + "(the secret verifies HS256 tokens, the issuer's keys verify its own)");
        }
        checkSizeLimits(grizz, problems);
        return problems;
    }

    /**
     * An event carries its content, so an event limit below the content limit would refuse content the contract
     * accepts.
     */
    private static void checkSizeLimits(GrizzProperties grizz, List<String> problems) {
        if (grizz.maxEventBytes() < Math.max(1, grizz.maxContentBytes())) {
            problems.add("GRIZZ_MAX_EVENT_BYTES (grizz.max-event-bytes): " + grizz.maxEventBytes()
                    + " is below the content limit of " + grizz.maxContentBytes()
                    + " bytes (grizz.max-content-bytes); an event carries its content");
        }
    }

    private static void checkReadApiAuth(ReadApiProperties readApi, List<String> problems) {
        boolean issuer = !readApi.jwtIssuerUri().isBlank();
        if (!readApi.hasJwtSecret() && !issuer) {
            problems.add("READ_API_JWT_SECRET (or READ_API_JWT_ISSUER_URI) is not set (needed by the read-api role)");
        } else if (issuer && !readApi.hasJwtAudience()) {
            // an issuer signs tokens for every application it serves: without an audience, a token the
            // identity provider issued to any of them would read the user in its sub here
            problems.add("READ_API_JWT_AUDIENCE is not set: it is required with READ_API_JWT_ISSUER_URI (a token's "
                    + "aud must name this API, or any token of the issuer would be accepted)");
        } else if (readApi.hasJwtSecret()
                && readApi.jwtSecret().getBytes(StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
            // in bytes, as HS256 keys are; and only for the role that verifies with it, so no constraint on the record
            problems.add("READ_API_JWT_SECRET is shorter than " + MIN_JWT_SECRET_BYTES + " bytes");
        }
    }

    private static boolean blank(Environment env, String property) {
        String value = env.getProperty(property);
        return value == null || value.isBlank();
    }
}
