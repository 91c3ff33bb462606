package io.grizz.worker.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * {@code database} in /actuator/health and readiness: can the pool hand out a connection that
 * answers? Replaces Boot's {@code db} indicator, which blocks for the pool's whole connection
 * timeout while the database is down.
 */
public class DatabaseHealthIndicator extends TimeBoxedHealthIndicator {

    private final DataSource dataSource;

    public DatabaseHealthIndicator(DataSource dataSource) {
        super("database", Duration.ofSeconds(3));
        this.dataSource = dataSource;
    }

    @Override
    protected void probe() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid((int) deadline().toSeconds())) {
                throw new SQLException("connection not valid");
            }
        }
    }
}
