package io.grizz.worker.api.query;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read API's way to the database: the read pool, every statement under the statement timeout.
 *
 * @param timeout the configured timeout, as the 503 problem states it
 */
public record ReadStatements(JdbcTemplate jdbc, Duration timeout) {

    /** JDBC's query timeout is whole seconds; a configured 500 ms becomes 1 s, never 0 (no limit). */
    public static int seconds(Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
    }
}
