package io.grizz.compose.testkit;

import io.grizz.compose.server.KafkaTopics;
import io.grizz.compose.server.PostgresDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link TestStack} on servers someone else runs, found through the worker's own variables (docs/contract.md §6):
 * KAFKA_BOOTSTRAP_SERVERS, DATABASE_URL (any database; others are reached by swapping its name),
 * DATABASE_USERNAME and DATABASE_PASSWORD. The user must be allowed to create databases and topics.
 */
final class ExternalTestStack implements TestStack {

    private final String bootstrapServers;
    private final String databaseUrl;
    private final String username;
    private final String password;

    private ExternalTestStack(String bootstrapServers, String databaseUrl, String username, String password) {
        this.bootstrapServers = bootstrapServers;
        this.databaseUrl = databaseUrl;
        this.username = username;
        this.password = password;
    }

    static ExternalTestStack fromEnvironment(Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        for (String name :
                List.of("KAFKA_BOOTSTRAP_SERVERS", "DATABASE_URL", "DATABASE_USERNAME", "DATABASE_PASSWORD")) {
            if (env.get(name) == null || env.get(name).isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("grizz.test.stack=external needs these environment variables: " + missing);
        }
        return new ExternalTestStack(
                env.get("KAFKA_BOOTSTRAP_SERVERS"),
                env.get("DATABASE_URL"),
                env.get("DATABASE_USERNAME"),
                env.get("DATABASE_PASSWORD"));
    }

    @Override
    public String kafkaBootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String jdbcUrl(String database) {
        return PostgresDatabases.withDatabase(databaseUrl, database);
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String createDatabase(String name) {
        PostgresDatabases.recreate(databaseUrl, username, password, name);
        return jdbcUrl(name);
    }

    @Override
    public void createTopic(String name, int partitions) {
        KafkaTopics.create(bootstrapServers, name, partitions);
    }

    @Override
    public String toString() {
        return "external test stack (Kafka " + bootstrapServers + ", PostgreSQL " + databaseUrl + ")";
    }
}
