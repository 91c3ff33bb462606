package io.grizz.compose.server;

import io.grizz.compose.process.ExitCleanup;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack: a real PostgreSQL and real Kafka (one broker, or a {@link KafkaCluster} of several when asked
 * for), started in parallel from Maven artifacts, no Docker. Used by dev mode, by the worker's integration tests
 * (through {@link io.grizz.compose.testkit.TestStacks}) and by the load harness.
 *
 * <p>Closing it stops both and deletes their data; a JVM shutdown hook does the same for any stack still open, and
 * each server's orphan watchdog (see {@link io.grizz.compose.process.ChildProcess}) stops it if this JVM dies
 * without running hooks.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private static LocalStack shared;

    private final PostgresServer postgres;
    private final KafkaCluster kafka;
    private final Duration startupTime;
    private boolean closed;

    private LocalStack(PostgresServer postgres, KafkaCluster kafka, Duration startupTime) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.startupTime = startupTime;
    }

    /** Starts a stack with default options. */
    public static LocalStack start() {
        return start(PostgresServer.Options.defaults(), KafkaBroker.Options.defaults());
    }

    /** Starts PostgreSQL and one Kafka broker in parallel; if either fails, the other is closed again. */
    public static LocalStack start(PostgresServer.Options postgresOptions, KafkaBroker.Options kafkaOptions) {
        return start(postgresOptions, kafkaOptions, 1);
    }

    /**
     * Starts PostgreSQL and a Kafka cluster of {@code brokers} in parallel; if either fails, the other is closed
     * again.
     */
    public static LocalStack start(
            PostgresServer.Options postgresOptions, KafkaBroker.Options kafkaOptions, int brokers) {
        long started = System.nanoTime();
        ExecutorService starters = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "grizz-local-stack-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<PostgresServer> postgres =
                    CompletableFuture.supplyAsync(() -> PostgresServer.start(postgresOptions), starters);
            CompletableFuture<KafkaCluster> kafka =
                    CompletableFuture.supplyAsync(() -> KafkaCluster.start(brokers, kafkaOptions), starters);
            try {
                CompletableFuture.allOf(postgres, kafka).join();
            } catch (CompletionException e) {
                postgres.thenAccept(PostgresServer::close);
                kafka.thenAccept(KafkaCluster::close);
                throw new IllegalStateException(
                        "The local stack did not start: " + e.getCause().getMessage(), e.getCause());
            }
            LocalStack stack =
                    new LocalStack(postgres.join(), kafka.join(), Duration.ofNanos(System.nanoTime() - started));
            ExitCleanup.register(stack);
            // the server, not a database URL: the databases of a run are created later, under their own names
            log.info(
                    "Local stack ready in {} ms: Kafka {}, PostgreSQL {} on {}:{}",
                    stack.startupTime.toMillis(),
                    stack.kafka.bootstrapServers(),
                    stack.postgres.version(),
                    stack.postgres.host(),
                    stack.postgres.port());
            return stack;
        } finally {
            starters.shutdown();
        }
    }

    /** One stack per JVM for test suites, started on first use and closed when the JVM exits. */
    public static synchronized LocalStack shared() {
        if (shared == null || shared.isClosed()) {
            shared = start();
        }
        return shared;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** The stack's Kafka: one broker unless more were asked for. */
    public KafkaCluster kafka() {
        return kafka;
    }

    /** Wall-clock time from the start call until both servers answered. */
    public Duration startupTime() {
        return startupTime;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Stops and deletes both servers, in parallel. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        CompletableFuture<Void> kafkaClosed =
                CompletableFuture.runAsync(kafka::close, runnable -> new Thread(runnable, "grizz-kafka-close").start());
        postgres.close();
        kafkaClosed.join();
        ExitCleanup.unregister(this);
    }

    @Override
    public String toString() {
        return "local stack (" + kafka + ", " + postgres + ")";
    }
}
