package io.grizz.load.stack;

import io.grizz.contracts.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Servers and a worker someone else runs, named by the docs/contract.md §6 variables. The harness starts nothing then:
 * it
 * publishes to {@code GRIZZ_TOPIC}, follows the worker through {@code GRIZZ_CONSUMER_GROUP}'s committed offsets and
 * checks {@code DATABASE_URL}.
 */
public record ExternalServers(String bootstrapServers, Database database, String topic, String consumerGroup)
        implements Servers {

    /** Whether the environment names external servers (then {@code --stack auto} uses them). */
    public static boolean configured(Map<String, String> env) {
        return env.containsKey("DATABASE_URL") || env.containsKey("KAFKA_BOOTSTRAP_SERVERS");
    }

    /**
     * @param needsKafka whether this command publishes (all but ceiling and direct)
     */
    public static ExternalServers fromEnvironment(Map<String, String> env, boolean needsKafka) {
        List<String> missing = new ArrayList<>();
        if (!env.containsKey("DATABASE_URL")) {
            missing.add("DATABASE_URL");
        }
        if (!env.containsKey("DATABASE_USERNAME")) {
            missing.add("DATABASE_USERNAME");
        }
        if (needsKafka && !env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            missing.add("KAFKA_BOOTSTRAP_SERVERS");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("--stack external needs " + String.join(", ", missing)
                    + " (docs/contract.md §6); unset them all to run against a local stack instead");
        }
        return new ExternalServers(
                env.get("KAFKA_BOOTSTRAP_SERVERS"),
                new Database(
                        env.get("DATABASE_URL"),
                        env.get("DATABASE_USERNAME"),
                        env.getOrDefault("DATABASE_PASSWORD", "")),
                env.getOrDefault("GRIZZ_TOPIC", Wire.DEFAULT_TOPIC),
                env.getOrDefault("GRIZZ_CONSUMER_GROUP", Wire.DEFAULT_CONSUMER_GROUP));
    }

    @Override
    public String description() {
        return "external: " + database.jdbcUrl();
    }

    /** The environment's database, whatever {@code name}: the harness creates no database on servers not its own. */
    @Override
    public Database migratedDatabase(String name) {
        return database;
    }

    /** {@code DATABASE_URL}, whether or not a pooler is behind it: the clients connect where the worker would. */
    @Override
    public Database throughPooler(String name) {
        return database;
    }

    @Override
    public boolean hasPooler() {
        return true;
    }

    @Override
    public DoubleSupplier databaseCpuSeconds() {
        return () -> Double.NaN;
    }

    /** Nothing to stop: the servers are someone else's. */
    @Override
    public void close() {}
}
