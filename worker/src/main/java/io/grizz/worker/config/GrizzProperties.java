package io.grizz.worker.config;

import io.grizz.contracts.Wire;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * The worker's own settings. Each docs/contract.md §6 environment variable is mapped onto one of these in
 * {@code application.yml}, so both the documented variable and the property name work. Each setting is declared
 * once, here: its type, its default and its constraints, which {@link RequiredSettings} checks before any bean
 * exists, all records at once ({@link DeclaredSettings}); what no constraint can say (one setting against another,
 * or what a role needs) stays in {@link RequiredSettings}. Not {@code @Validated}: that would check every record
 * again when its bean binds, with the full Bean Validation set-up (the expression language for messages), which
 * cost the worker a third of a second of start-up for a check already made.
 *
 * <p>A number mapped from a variable is boxed: an unset {@code ${VAR:}} arrives as empty text, which converts to no
 * number, so the default applies; a primitive would refuse it ("a null value cannot be assigned to a primitive").
 *
 * @param roles           {@code GRIZZ_ROLES}: comma-separated {@code ingest}, {@code read-api}
 * @param topic           {@code GRIZZ_TOPIC}: the source topic; dead letters go to {@code <topic>.dlt}
 * @param maxContentBytes the largest {@code content}, in UTF-8 bytes; larger is {@code too_large}
 * @param maxEventBytes   {@code GRIZZ_MAX_EVENT_BYTES}: the largest record value, in bytes as decoded (after
 *                        decompression); larger is {@code too_large}, and is never held in full
 * @param poolerMode      {@code DATABASE_POOLER_MODE}: session, transaction or none, in any letter case
 * @param statementTimeout server-side limit of each write statement; zero would mean none to PostgreSQL
 * @param persistedTopic  {@code GRIZZ_PERSISTED_TOPIC}: where to announce applied events; blank = off
 */
@ConfigurationProperties(GrizzProperties.PREFIX)
public record GrizzProperties(
        @DefaultValue(DEFAULT_ROLES) @Pattern(regexp = ROLE_LIST, message = "is not a list of ingest, read-api")
        String roles,

        @DefaultValue(Wire.DEFAULT_TOPIC) String topic,
        @DefaultValue("1048576") int maxContentBytes,
        @DefaultValue("2097152") Integer maxEventBytes,
        @DefaultValue(PoolerMode.DEFAULT) PoolerMode poolerMode,

        @DefaultValue("30s") @DurationMin(millis = 1, message = "must be at least 1ms")
        Duration statementTimeout,

        @DefaultValue("") String persistedTopic) {

    public static final String PREFIX = "grizz";
    /** {@link #poolerMode()}'s property, for a command that reads it without binding these settings. */
    public static final String POOLER_MODE = PREFIX + ".pooler-mode";

    private static final String DEFAULT_ROLES = "ingest,read-api";

    /**
     * What {@link WorkerRole#parseList} accepts: at least one known role, commas between, blanks and empty entries
     * ignored, any letter case. The constraint reports a wrong list before any bean exists; the parser stays the
     * one that reads it.
     */
    private static final String ROLE_LIST = "(?i)[\\s,]*(ingest|read-api)(\\s*,[\\s,]*(ingest|read-api))*[\\s,]*";

    /**
     * These settings, bound from {@code environment} as the bean will be: for the readers that run
     * before there are beans (the start-up check, role conditions, the auto-configuration filter,
     * the pooler's post-processor), so that every reader sees the same values and defaults.
     */
    public static GrizzProperties bind(Environment environment) {
        return Binder.get(environment).bindOrCreate(PREFIX, GrizzProperties.class);
    }

    public Set<WorkerRole> roleSet() {
        return WorkerRole.parseList(roles);
    }

    public String deadLetterTopic() {
        return Wire.deadLetterTopic(topic);
    }
}
