package io.grizz.worker.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@code database} in /actuator/health and readiness: can each pool of this instance hand out a connection that
 * answers? Replaces Boot's {@code db} indicator, which blocks for the pool's whole connection
 * timeout while the database is down.
 */
public class DatabaseHealthIndicator extends TimeBoxedHealthIndicator {

    private final List<DataSource> pools;

    public DatabaseHealthIndicator(List<DataSource> pools) {
        super("database", Duration.ofSeconds(3));
        this.pools = List.copyOf(pools);
    }

    @Override
    protected void probe() throws SQLException {
        for (DataSource pool : pools) {
            try (Connection connection = pool.getConnection()) {
                if (!connection.isValid((int) deadline().toSeconds())) {
                    throw new SQLException("connection not valid");
                }
            }
        }
    }
}
