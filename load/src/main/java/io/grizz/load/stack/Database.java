package io.grizz.load.stack;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Where to connect: PostgreSQL itself or a pooler in front of it.
 *
 * <p>Connections go through pgjdbc's {@link Driver} directly, not {@code DriverManager}, which checks the caller's
 * class loader and can miss the driver inside the executable jar.
 */
public record Database(String jdbcUrl, String username, String password) {

    private static final Driver DRIVER = new Driver();

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password == null ? "" : password);
        properties.setProperty("ApplicationName", "grizz-load");
        Connection connection = DRIVER.connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return connection;
    }

    /**
     * Starts every measured phase from the same place: without it, the checkpoint a previous phase's writes are due
     * for would land in the middle of the next one. Needs a superuser (as the local stack's is); elsewhere skipped.
     */
    public void checkpoint() {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException notAllowed) {
            // not a superuser (or pg_checkpoint member): measure without it
        }
    }
}
