package io.grizz.load.stack;

import io.grizz.compose.process.WorkerEnvironment;
import java.util.Map;

/**
 * Where the harness's own worker reads and writes on the local stack: a topic and a consumer group of this run, and
 * a database reached through PgBouncer when it is installed (docs/contract.md §1), in its pool mode.
 */
public record LocalIngest(LocalServers servers, String database, String topic, String consumerGroup) {

    /** The docs/contract.md §6 variables for the worker; ingest role only, so no read-API secret is needed. */
    public Map<String, String> workerEnvironment() {
        Database pooled = servers.throughPooler(database);
        return new WorkerEnvironment(
                        servers.bootstrapServers(),
                        pooled.jdbcUrl(),
                        pooled.username(),
                        pooled.password(),
                        servers.poolerMode(),
                        "ingest",
                        topic,
                        consumerGroup,
                        null)
                .variables();
    }
}
