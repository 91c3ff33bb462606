package io.grizz.compose.testkit;

import io.grizz.compose.server.LocalStack;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the {@link TestStack} for a test run: system property {@code grizz.test.stack}, else environment
 * variable {@code GRIZZ_TEST_STACK}, one of
 * <ul>
 *   <li>{@code local} (default): {@link LocalStack#shared()}, real servers started from Maven artifacts;</li>
 *   <li>{@code testcontainers}: Docker containers ({@link ContainersTestStack}: images {@code apache/kafka} and
 *       {@code postgres}, or those named by {@code grizz.test.kafka-image} and {@code grizz.test.postgres-image});</li>
 *   <li>{@code external}: servers named by KAFKA_BOOTSTRAP_SERVERS, DATABASE_URL, DATABASE_USERNAME and
 *       DATABASE_PASSWORD.</li>
 * </ul>
 */
public final class TestStacks {

    public static final String PROPERTY = "grizz.test.stack";
    public static final String ENVIRONMENT_VARIABLE = "GRIZZ_TEST_STACK";

    private static TestStack shared;

    private TestStacks() {}

    /** The stack for this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized TestStack shared() {
        if (shared == null) {
            shared = create(selected(), System.getenv());
            System.out.println("grizz-compose: the tests run on the " + shared);
        }
        return shared;
    }

    static String selected() {
        String choice = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT_VARIABLE));
        return choice == null || choice.isBlank() ? "local" : choice.trim().toLowerCase(Locale.ROOT);
    }

    static TestStack create(String kind, Map<String, String> env) {
        return switch (kind) {
            case "local" -> new LocalTestStack(LocalStack.shared());
            case "testcontainers" -> ContainersTestStack.start();
            case "external" -> ExternalTestStack.fromEnvironment(env);
            default ->
                throw new IllegalArgumentException(PROPERTY + " / " + ENVIRONMENT_VARIABLE + " must be local, "
                        + "testcontainers or external, not '" + kind + "'");
        };
    }
}
