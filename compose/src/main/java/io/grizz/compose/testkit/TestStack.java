package io.grizz.compose.testkit;

import io.grizz.compose.server.KafkaBroker;
import io.grizz.compose.server.PostgresServer;
import java.util.Optional;

/**
 * Where the worker's integration tests find Kafka and PostgreSQL. Tests written against this run unchanged on the
 * local stack (default), on Testcontainers, or on servers someone else runs; see {@link TestStacks#shared()}.
 */
public interface TestStack {

    String kafkaBootstrapServers();

    /** The JDBC URL of {@code database} on this stack's PostgreSQL. */
    String jdbcUrl(String database);

    String username();

    String password();

    /** Creates database {@code name}, fresh and empty (an old one of that name is dropped), and returns its URL. */
    String createDatabase(String name);

    /** Creates a topic and waits until every partition has a leader. */
    void createTopic(String name, int partitions);

    /** The local PostgreSQL, for tests that stop, crash or restart it; empty on other stacks. */
    default Optional<PostgresServer> localPostgres() {
        return Optional.empty();
    }

    /** The local Kafka broker, for tests that stop, crash or restart it; empty on other stacks. */
    default Optional<KafkaBroker> localKafka() {
        return Optional.empty();
    }
}
