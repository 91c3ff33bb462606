package io.grizz.load.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the harness's own worker reads and writes on the local stack: a topic and a consumer group of this run, and
 * a database reached through PgBouncer in session mode when it is installed (docs/contract.md §1).
 */
public record LocalIngest(LocalServers servers, String database, String topic, String consumerGroup) {

    /** The docs/contract.md §6 variables for the worker; ingest role only, so no read-API secret is needed. */
    public Map<String, String> workerEnvironment() {
        Database pooled = servers.throughPooler(database);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", servers.bootstrapServers());
        env.put("DATABASE_URL", pooled.jdbcUrl());
        env.put("DATABASE_USERNAME", pooled.username());
        env.put("DATABASE_PASSWORD", pooled.password());
        env.put("DATABASE_POOLER_MODE", servers.hasPooler() ? "session" : "none");
        env.put("GRIZZ_ROLES", "ingest");
        env.put("GRIZZ_TOPIC", topic);
        env.put("GRIZZ_CONSUMER_GROUP", consumerGroup);
        return env;
    }
}
