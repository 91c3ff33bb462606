package io.grizz.worker.config;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's own settings. Each SPEC §6 environment variable is mapped onto one of these in
 * {@code application.yml}, so both the documented variable and the property name work.
 *
 * @param roles           {@code GRIZZ_ROLES}: comma-separated {@code ingest}, {@code read-api}
 * @param topic           {@code GRIZZ_TOPIC}: the source topic; dead letters go to {@code <topic>.dlt}
 * @param maxContentBytes the largest {@code content}, in UTF-8 bytes; larger is {@code too_large}
 * @param poolerMode      {@code DATABASE_POOLER_MODE}
 * @param statementTimeout server-side limit of each write statement
 * @param persistedTopic  {@code GRIZZ_PERSISTED_TOPIC}: where to announce applied events; blank = off
 */
@ConfigurationProperties("grizz")
public record GrizzProperties(
        @DefaultValue(DEFAULT_ROLES) String roles,
        @DefaultValue("message-writes.v1") String topic,
        @DefaultValue("1048576") int maxContentBytes,
        @DefaultValue("session") PoolerMode poolerMode,
        @DefaultValue("30s") Duration statementTimeout,
        @DefaultValue("") String persistedTopic) {

    public static final String ROLES_PROPERTY = "grizz.roles";
    public static final String DEFAULT_ROLES = "ingest,read-api";

    public Set<WorkerRole> roleSet() {
        return WorkerRole.parseList(roles);
    }

    public String deadLetterTopic() {
        return topic + ".dlt";
    }
}
