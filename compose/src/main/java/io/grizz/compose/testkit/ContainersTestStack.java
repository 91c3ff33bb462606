package io.grizz.compose.testkit;

import io.grizz.compose.process.ExitCleanup;
import io.grizz.compose.server.KafkaTopics;
import io.grizz.compose.server.PostgresDatabases;
import java.util.Map;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link TestStack} on Testcontainers, for machines that have Docker and prefer it. Never the default: the local
 * stack needs no Docker.
 *
 * <p>The images are those a user with a registry pulls ({@value #KAFKA_IMAGE}, {@value #POSTGRES_IMAGE}); others
 * are named by system property {@code grizz.test.kafka-image} / {@code grizz.test.postgres-image}, else environment
 * variable {@code GRIZZ_TEST_KAFKA_IMAGE} / {@code GRIZZ_TEST_POSTGRES_IMAGE}. Another image must behave as the
 * official one does (CI's Docker stage builds such stand-ins offline, see compose/docker/offline/).
 *
 * <p>The Testcontainers modules are optional dependencies of this module (the load harness and dev mode never need
 * Docker), so a test module that offers this stack declares {@code org.testcontainers:testcontainers-kafka} and
 * {@code testcontainers-postgresql} with test scope, as the worker does.
 */
final class ContainersTestStack implements TestStack, AutoCloseable {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:17";
    static final String KAFKA_IMAGE_PROPERTY = "grizz.test.kafka-image";
    static final String POSTGRES_IMAGE_PROPERTY = "grizz.test.postgres-image";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;
    private final String description;

    private ContainersTestStack(KafkaContainer kafka, PostgreSQLContainer postgres, String description) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.description = description;
    }

    static ContainersTestStack start() {
        return start(System.getenv());
    }

    static ContainersTestStack start(Map<String, String> env) {
        DockerImageName kafkaImage = kafkaImage(env);
        DockerImageName postgresImage = postgresImage(env);
        KafkaContainer kafka = new KafkaContainer(kafkaImage);
        PostgreSQLContainer postgres =
                new PostgreSQLContainer(postgresImage).withCommand("postgres", "-c", "max_connections=300");
        ContainersTestStack stack = new ContainersTestStack(
                kafka,
                postgres,
                "Testcontainers test stack (" + kafkaImage.asCanonicalNameString() + ", "
                        + postgresImage.asCanonicalNameString() + ")");
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

    static DockerImageName kafkaImage(Map<String, String> env) {
        return image(KAFKA_IMAGE_PROPERTY, env, KAFKA_IMAGE).asCompatibleSubstituteFor("apache/kafka");
    }

    static DockerImageName postgresImage(Map<String, String> env) {
        return image(POSTGRES_IMAGE_PROPERTY, env, POSTGRES_IMAGE).asCompatibleSubstituteFor("postgres");
    }

    /**
     * The system property, else its environment variable (grizz.test.kafka-image: GRIZZ_TEST_KAFKA_IMAGE), else the
     * default.
     */
    private static DockerImageName image(String property, Map<String, String> env, String defaultImage) {
        String variable =
                property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        String chosen = System.getProperty(property);
        if (chosen == null || chosen.isBlank()) {
            chosen = env.get(variable);
        }
        return DockerImageName.parse(chosen == null || chosen.isBlank() ? defaultImage : chosen.strip());
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
        return description;
    }
}
