package io.grizz.compose.server;

import io.grizz.compose.process.ExitCleanup;
import io.grizz.compose.process.FreePorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * Kafka as its users run it: a KRaft cluster of several {@link KafkaBroker}s, each a child JVM in combined mode
 * (broker and controller), the controller quorum made of all of them, on free ports of 127.0.0.1. Each broker is
 * stopped (SIGTERM), killed (SIGKILL) and started again on its own ports and log directory, as a single broker is.
 *
 * <p>A cluster of three or more is set as production clusters are: internal topics and new topics get replication
 * factor {@value #REPLICATION_FACTOR} and {@code min.insync.replicas} {@value #MIN_IN_SYNC_REPLICAS}, so that a
 * producer with {@code acks=all} loses nothing to one broker's crash, and is refused ({@code NOT_ENOUGH_REPLICAS})
 * rather than acknowledged by a lone replica when two are gone. A cluster of one is the single broker of the tests
 * and dev mode, where start-up time matters more than failover.
 */
public final class KafkaCluster implements AutoCloseable {

    public static final int REPLICATION_FACTOR = 3;
    public static final int MIN_IN_SYNC_REPLICAS = 2;

    private final List<KafkaBroker> brokers;

    private KafkaCluster(List<KafkaBroker> brokers) {
        this.brokers = List.copyOf(brokers);
    }

    /** The replication factor of topics on a cluster of {@code size} nodes: 3, or fewer when there are fewer. */
    static int replicationFactor(int size) {
        return Math.min(size, REPLICATION_FACTOR);
    }

    /** {@code min.insync.replicas} on a cluster of {@code size} nodes: one less than the replication factor. */
    static int minInSyncReplicas(int size) {
        return Math.max(1, Math.min(replicationFactor(size) - 1, MIN_IN_SYNC_REPLICAS));
    }

    /**
     * Formats {@code size} log directories and starts the nodes together (none serves until a majority of the
     * quorum is up); if one fails, all are closed again.
     */
    public static KafkaCluster start(int size, KafkaBroker.Options options) {
        if (size < 1) {
            throw new IllegalArgumentException("a Kafka cluster needs at least one broker, not " + size);
        }
        if (size == 1) {
            return new KafkaCluster(List.of(KafkaBroker.start(options)));
        }
        int[] ports = FreePorts.pick(2 * size);
        String voters = IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@" + FreePorts.LOOPBACK + ":" + ports[size + i])
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        List<CompletableFuture<KafkaBroker>> starting = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            KafkaBroker.Node node = new KafkaBroker.Node(i + 1, ports[i], ports[size + i], voters, clusterId, size);
            // a thread each: a node's start returns only once a quorum has formed, i.e. once the others run too
            starting.add(CompletableFuture.supplyAsync(
                    () -> LocalServer.launch(KafkaBroker.node(options, node), broker -> {}),
                    runnable -> new Thread(runnable, "grizz-kafka-" + node.id() + "-start").start()));
        }
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            starting.forEach(node -> node.thenAccept(KafkaBroker::close));
            throw new IllegalStateException(
                    "The Kafka cluster of " + size + " did not start: "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
        KafkaCluster cluster =
                new KafkaCluster(starting.stream().map(CompletableFuture::join).toList());
        // closed before its brokers at exit (newest first): killed together, not stopped one by one
        ExitCleanup.register(cluster);
        return cluster;
    }

    public List<KafkaBroker> brokers() {
        return brokers;
    }

    /** The broker of {@code node.id} {@code nodeId} (1 to size). */
    public KafkaBroker broker(int nodeId) {
        return brokers.stream()
                .filter(broker -> broker.nodeId() == nodeId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broker " + nodeId + " in " + this));
    }

    public int size() {
        return brokers.size();
    }

    /** Every broker's address, for {@code bootstrap.servers}: a client finds the cluster through any one that runs. */
    public String bootstrapServers() {
        return brokers.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /**
     * Creates a topic with the cluster's defaults (replication factor {@value #REPLICATION_FACTOR} and
     * {@code min.insync.replicas} {@value #MIN_IN_SYNC_REPLICAS} on three brokers or more) and waits until every
     * partition has a leader.
     */
    public void createTopic(String name, int partitions) {
        KafkaTopics.create(bootstrapServers(), name, partitions);
    }

    /** Each partition of {@code topic} and the node id of its leader (-1 while it has none). */
    public Map<Integer, Integer> leaders(String topic) {
        return KafkaTopics.leaders(bootstrapServers(), topic);
    }

    /** The broker that leads the most partitions of {@code topic} (the lowest node id of a tie). */
    public KafkaBroker leaderOfMost(String topic) {
        Map<Integer, Long> led = leaders(topic).values().stream()
                .filter(node -> node >= 0)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return led.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(entry -> broker(entry.getKey()))
                .orElseThrow(() -> new IllegalStateException("no partition of " + topic + " has a leader"));
    }

    /** Whether any broker runs. */
    public boolean isRunning() {
        return brokers.stream().anyMatch(KafkaBroker::isRunning);
    }

    /** Each broker's log file, for whoever wants to read what happened. */
    public List<Path> logFiles() {
        return brokers.stream().map(KafkaBroker::logFile).toList();
    }

    /**
     * Ends every broker and deletes their data. A cluster is killed rather than stopped: its data goes anyway, and
     * a broker's clean shutdown waits for a controller, which the last ones to stop no longer have (a minute each).
     */
    @Override
    public void close() {
        if (brokers.size() > 1) {
            brokers.forEach(KafkaBroker::kill);
        }
        brokers.forEach(KafkaBroker::close);
        ExitCleanup.unregister(this);
    }

    @Override
    public String toString() {
        return brokers.size() == 1
                ? brokers.get(0).toString()
                : "Kafka cluster of " + brokers.size() + " on " + bootstrapServers();
    }
}
