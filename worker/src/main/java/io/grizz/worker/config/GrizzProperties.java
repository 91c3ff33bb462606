package io.grizz.worker.config;

import io.grizz.contracts.Wire;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * The worker's own settings. Each docs/contract.md §6 environment variable is mapped onto one of these in
 * {@code application.yml}, so both the documented variable and the property name work.
 *
 * @param roles           {@code GRIZZ_ROLES}: comma-separated {@code ingest}, {@code read-api}
 * @param topic           {@code GRIZZ_TOPIC}: the source topic; dead letters go to {@code <topic>.dlt}
 * @param maxContentBytes the largest {@code content}, in UTF-8 bytes; larger is {@code too_large}
 * @param maxEventBytes   {@code GRIZZ_MAX_EVENT_BYTES}: the largest record value, in bytes as decoded (after
 *                        decompression); larger is {@code too_large}, and is never held in full
 * @param poolerMode      {@code DATABASE_POOLER_MODE}
 * @param statementTimeout server-side limit of each write statement
 * @param persistedTopic  {@code GRIZZ_PERSISTED_TOPIC}: where to announce applied events; blank = off
 */
@ConfigurationProperties(GrizzProperties.PREFIX)
public record GrizzProperties(
        @DefaultValue(DEFAULT_ROLES) String roles,
        @DefaultValue(Wire.DEFAULT_TOPIC) String topic,
        @DefaultValue("1048576") int maxContentBytes,
        @DefaultValue("2097152") int maxEventBytes,
        @DefaultValue(PoolerMode.DEFAULT) String poolerMode,
        @DefaultValue("30s") Duration statementTimeout,
        @DefaultValue("") String persistedTopic) {

    public static final String PREFIX = "grizz";
    private static final String DEFAULT_ROLES = "ingest,read-api";

    /**
     * These settings, bound from {@code environment} as the bean will be: for the readers that run
     * before there are beans (the start-up check, role conditions, the auto-configuration filter,
     * the pooler's post-processor), so that every reader sees the same values and defaults.
     */
    public static GrizzProperties bind(Environment environment) {
        return Binder.get(environment).bindOrCreate(PREFIX, GrizzProperties.class);
    }

    /** @throws IllegalArgumentException when it is not one of session, transaction, none */
    public PoolerMode pooler() {
        return PoolerMode.of(poolerMode);
    }

    public Set<WorkerRole> roleSet() {
        return WorkerRole.parseList(roles);
    }

    public String deadLetterTopic() {
        return Wire.deadLetterTopic(topic);
    }
}
