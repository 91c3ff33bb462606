package io.grizz.compose.testkit;

import io.grizz.compose.server.KafkaBroker;
import io.grizz.compose.server.LocalStack;
import io.grizz.compose.server.PostgresServer;
import java.util.Optional;

/** {@link TestStack} on this JVM's shared {@link LocalStack}: real servers, no Docker, fault injection possible. */
final class LocalTestStack implements TestStack {

    private final LocalStack stack;

    LocalTestStack(LocalStack stack) {
        this.stack = stack;
    }

    @Override
    public String kafkaBootstrapServers() {
        return stack.kafka().bootstrapServers();
    }

    @Override
    public String jdbcUrl(String database) {
        return stack.postgres().jdbcUrl(database);
    }

    @Override
    public String username() {
        return stack.postgres().username();
    }

    @Override
    public String password() {
        return stack.postgres().password();
    }

    @Override
    public String createDatabase(String name) {
        return stack.postgres().createDatabase(name);
    }

    @Override
    public void createTopic(String name, int partitions) {
        stack.kafka().createTopic(name, partitions);
    }

    @Override
    public Optional<PostgresServer> localPostgres() {
        return Optional.of(stack.postgres());
    }

    @Override
    public Optional<KafkaBroker> localKafka() {
        return Optional.of(stack.kafka().brokers().get(0));
    }

    @Override
    public String toString() {
        return "local test stack (" + stack + ")";
    }
}
