package io.grizz.compose.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalStackTest {

    @Test
    void startsBothServersInParallelWithinSeconds() throws Exception {
        LocalStack stack;
        try (LocalStack started = LocalStack.start()) {
            stack = started;
            System.out.println(
                    "Local stack start-up took " + stack.startupTime().toMillis() + " ms");
            assertThat(stack.startupTime()).isLessThan(Duration.ofSeconds(30));

            stack.kafka().createTopic("stack-test", 2);
            String url = stack.postgres().createDatabase("stack_test");
            try (Connection connection = PostgresServerTest.connect(url);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT current_database()")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("stack_test");
            }
        }
        assertThat(stack.isClosed()).isTrue();
        assertThat(stack.postgres().isRunning()).isFalse();
        assertThat(stack.kafka().isRunning()).isFalse();
    }
}
