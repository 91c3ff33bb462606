package io.grizz.compose.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.compose.server.LocalStack;
import org.junit.jupiter.api.Test;

/** The {@code local} test stack: this JVM's shared {@link LocalStack}, its servers open to fault injection. */
class LocalTestStackTest {

    @Test
    void sharedStackIsOnePerJvmAndServesTheTestStack() {
        TestStack testStack = TestStacks.create("local", System.getenv());
        assertThat(testStack.localPostgres()).containsSame(LocalStack.shared().postgres());
        assertThat(testStack.localKafka())
                .containsSame(LocalStack.shared().kafka().brokers().get(0));
        assertThat(testStack.jdbcUrl("x"))
                .isEqualTo(LocalStack.shared().postgres().jdbcUrl("x"));
        testStack.createTopic("shared-test", 1);
    }
}
