package io.grizz.compose;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * {@link TestStack} on Testcontainers, for machines that have Docker and prefer it. Never the default: the local
 * stack needs no Docker. Its modules are optional dependencies of this module, so a test module that selects it
 * must declare {@code org.testcontainers:testcontainers-kafka} and {@code testcontainers-postgresql} itself.
 */
final class ContainersTestStack implements TestStack, AutoCloseable {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:17";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainersTestStack(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    static ContainersTestStack start() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withCommand("postgres", "-c", "max_connections=300");
        ContainersTestStack stack = new ContainersTestStack(kafka, postgres);
        ExitCleanup.register(stack);
        try {
            kafka.start();
            postgres.start();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String jdbcUrl(String database) {
        return PostgresDatabases.withDatabase(postgres.getJdbcUrl(), database);
    }

    @Override
    public String username() {
        return postgres.getUsername();
    }

    @Override
    public String password() {
        return postgres.getPassword();
    }

    @Override
    public String createDatabase(String name) {
        PostgresDatabases.recreate(postgres.getJdbcUrl(), username(), password(), name);
        return jdbcUrl(name);
    }

    @Override
    public void createTopic(String name, int partitions) {
        KafkaTopics.create(kafkaBootstrapServers(), name, partitions);
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
        ExitCleanup.unregister(this);
    }

    @Override
    public String toString() {
        return "Testcontainers test stack (" + KAFKA_IMAGE + ", " + POSTGRES_IMAGE + ")";
    }
}
