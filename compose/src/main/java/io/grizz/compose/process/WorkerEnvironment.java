package io.grizz.compose.process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings a worker process is started with, typed, and turned into the environment variables
 * of docs/contract.md §6 in one place: dev mode, the load harness and the process tests build one
 * of these instead of spelling the variables each.
 *
 * @param kafkaBootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param databaseUrl           {@code DATABASE_URL}
 * @param databaseUsername      {@code DATABASE_USERNAME}
 * @param databasePassword      {@code DATABASE_PASSWORD}
 * @param poolerMode            {@code DATABASE_POOLER_MODE}: session, transaction or none
 * @param roles                 {@code GRIZZ_ROLES}
 * @param topic                 {@code GRIZZ_TOPIC}
 * @param consumerGroup         {@code GRIZZ_CONSUMER_GROUP}, or null for the worker's default
 * @param readApiJwtSecret      {@code READ_API_JWT_SECRET}, or null (the ingest role needs none)
 */
public record WorkerEnvironment(
        String kafkaBootstrapServers,
        String databaseUrl,
        String databaseUsername,
        String databasePassword,
        String poolerMode,
        String roles,
        String topic,
        String consumerGroup,
        String readApiJwtSecret) {

    /** The variables, in the contract's order; those left null are not set. */
    public Map<String, String> variables() {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        put(env, "DATABASE_URL", databaseUrl);
        put(env, "DATABASE_USERNAME", databaseUsername);
        put(env, "DATABASE_PASSWORD", databasePassword);
        put(env, "DATABASE_POOLER_MODE", poolerMode);
        put(env, "GRIZZ_ROLES", roles);
        put(env, "GRIZZ_TOPIC", topic);
        put(env, "GRIZZ_CONSUMER_GROUP", consumerGroup);
        put(env, "READ_API_JWT_SECRET", readApiJwtSecret);
        return env;
    }

    private static void put(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }
}
