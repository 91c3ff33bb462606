package io.grizz.worker.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Checks, before any bean exists, that the roles this instance runs have what they need
 * (docs/contract.md §6), and refuses to start otherwise, naming every missing or wrong variable at once —
 * not the first one a connection attempt happens to trip over minutes later.
 *
 * <p>Registered in {@code META-INF/spring.factories} so it runs for every start of the worker.
 */
public class RequiredSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final int MIN_JWT_SECRET_BYTES = 32;

    private static final String MAX_BATCH_DECODED_BYTES = "grizz.ingest.max-batch-decoded-bytes";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        List<String> problems = check(event.getEnvironment());
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    static List<String> check(Environment env) {
        List<String> problems = new ArrayList<>();
        GrizzProperties grizz = GrizzProperties.bind(env);
        Set<WorkerRole> roles;
        try {
            roles = grizz.roleSet();
        } catch (IllegalArgumentException e) {
            problems.add("GRIZZ_ROLES: " + e.getMessage());
            roles = Set.of();
        }
        if (blank(env, "spring.datasource.url")) {
            problems.add("DATABASE_URL is not set (the JDBC URL of PgBouncer or PostgreSQL)");
        }
        try {
            grizz.pooler();
        } catch (IllegalArgumentException e) {
            problems.add("DATABASE_POOLER_MODE: '" + grizz.poolerMode() + "' is not one of session, transaction, none");
        }
        if (roles.contains(WorkerRole.INGEST) && blank(env, "spring.kafka.bootstrap-servers")) {
            problems.add("KAFKA_BOOTSTRAP_SERVERS is not set (needed by the ingest role)");
        }
        if (roles.contains(WorkerRole.READ_API)) {
            checkReadApiAuth(env, problems);
        }
        if (!blank(env, "grizz.read-api.jwt-secret") && !blank(env, "grizz.read-api.jwt-issuer-uri")) {
            // whichever won, tokens signed the other way would be refused without a word: say so now
            problems.add("READ_API_JWT_SECRET and READ_API_JWT_ISSUER_URI are both set; set only one "
                    + "(the secret verifies HS256 tokens, the issuer's keys verify its own)");
        }
        checkPositive(env, "grizz.read-api.statement-timeout", problems);
        checkSizeLimits(env, grizz, problems);
        checkPositive(env, "grizz.read-api.max-replica-lag", problems);
        return problems;
    }

    /**
     * An event carries its content, so an event limit below the content limit would refuse content the
     * contract accepts; a decoded-byte budget of nothing would hand on one record a poll.
     */
    private static void checkSizeLimits(Environment env, GrizzProperties grizz, List<String> problems) {
        if (grizz.maxEventBytes() < Math.max(1, grizz.maxContentBytes())) {
            problems.add("GRIZZ_MAX_EVENT_BYTES (grizz.max-event-bytes): " + grizz.maxEventBytes()
                    + " is below the content limit of " + grizz.maxContentBytes()
                    + " bytes (grizz.max-content-bytes); an event carries its content");
        }
        long budget = Binder.get(env).bind(MAX_BATCH_DECODED_BYTES, Long.class).orElse(1L);
        if (budget < 1) {
            problems.add("GRIZZ_MAX_BATCH_DECODED_BYTES (" + MAX_BATCH_DECODED_BYTES + "): " + budget
                    + " must be at least 1");
        }
    }

    private static void checkReadApiAuth(Environment env, List<String> problems) {
        String secret = env.getProperty("grizz.read-api.jwt-secret", "");
        boolean issuer = !blank(env, "grizz.read-api.jwt-issuer-uri");
        if (secret.isBlank() && !issuer) {
            problems.add("READ_API_JWT_SECRET (or READ_API_JWT_ISSUER_URI) is not set (needed by the read-api role)");
        } else if (issuer && blank(env, "grizz.read-api.jwt-audience")) {
            // an issuer signs tokens for every application it serves: without an audience, a token the
            // identity provider issued to any of them would read the user in its sub here
            problems.add("READ_API_JWT_AUDIENCE is not set: it is required with READ_API_JWT_ISSUER_URI (a token's "
                    + "aud must name this API, or any token of the issuer would be accepted)");
        } else if (!secret.isBlank() && secret.getBytes(StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
            problems.add("READ_API_JWT_SECRET is shorter than " + MIN_JWT_SECRET_BYTES + " bytes");
        }
    }

    /** A read without a time limit is what docs/contract.md §5 forbids; zero would mean exactly that to PostgreSQL. */
    private static void checkPositive(Environment env, String property, List<String> problems) {
        String value = env.getProperty(property, "");
        if (value.isBlank()) {
            return;
        }
        try {
            if (DurationStyle.detectAndParse(value.trim()).compareTo(Duration.ofMillis(1)) < 0) {
                problems.add(property + ": '" + value + "' must be at least 1ms");
            }
        } catch (IllegalArgumentException e) {
            problems.add(property + ": '" + value + "' is not a duration (e.g. 5s, 500ms)");
        }
    }

    private static boolean blank(Environment env, String property) {
        String value = env.getProperty(property);
        return value == null || value.isBlank();
    }
}
