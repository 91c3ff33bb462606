package io.grizz.worker.config;

import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out the auto-configuration of a role this instance does not run, before any of it is
 * read: without {@code ingest} no Kafka client, admin, template or listener infrastructure is
 * built (so {@code KAFKA_BOOTSTRAP_SERVERS} is not needed and nothing dials a broker), and no
 * Flyway: the read-api role migrates nothing, so its database user needs no DDL rights (docs/contract.md §4
 * migrations run from the ingest role or {@code grizz-worker.jar migrate}), and no main pool: that pool is the
 * ingest path's, and a read-api-only instance would otherwise hold its connections open against the pooler for
 * nothing but a health check (its health checks its own pool); without
 * {@code read-api} no resource server (there is no key to check a token with) and no springdoc: the OpenAPI
 * document describes the read API, and reading the controllers for it was a second of an ingest instance's
 * start-up. Spring Security
 * itself stays in every role: {@code EdgeSecurity} is the one chain, ingest-only included.
 *
 * <p>Registered in {@code META-INF/spring.factories}. Entries are matched by prefix, mostly of a package, so a new
 * auto-configuration of the same module is covered too.
 */
public class RoleAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

    /** Boot's DataSource, which is the ingest pool ({@code grizz}); the read API has a pool of its own. */
    static final String MAIN_POOL = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    private static final Map<WorkerRole, Set<String>> PACKAGES_OF_ROLE = Map.of(
            WorkerRole.INGEST,
                    Set.of(
                            "org.springframework.boot.kafka.autoconfigure.",
                            "org.springframework.boot.flyway.autoconfigure.",
                            MAIN_POOL),
            WorkerRole.READ_API,
                    Set.of(
                            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.",
                            "org.springdoc."));

    private Set<WorkerRole> roles = Set.of(WorkerRole.values());

    @Override
    public void setEnvironment(Environment environment) {
        try {
            roles = GrizzProperties.bind(environment).roleSet();
        } catch (RuntimeException e) {
            // RequiredSettings has refused the start already; keep everything so nothing else fails first
            roles = Set.of(WorkerRole.values());
        }
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String candidate = autoConfigurationClasses[i];
            matches[i] = candidate == null || !belongsToAnAbsentRole(candidate);
        }
        return matches;
    }

    private boolean belongsToAnAbsentRole(String autoConfiguration) {
        for (Map.Entry<WorkerRole, Set<String>> entry : PACKAGES_OF_ROLE.entrySet()) {
            if (roles.contains(entry.getKey())) {
                continue;
            }
            for (String prefix : entry.getValue()) {
                if (autoConfiguration.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }
}
