package io.grizz.compose.server;

import io.grizz.compose.process.ChildJvm;
import io.grizz.compose.process.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in KRaft combined mode (broker and controller in one process), on free ports of 127.0.0.1, with
 * its log directory under java.io.tmpdir: alone, a cluster of one ({@link #start(Options)}), or one node of a
 * {@link KafkaCluster}.
 *
 * <p>It runs in a child JVM ({@link KafkaServerMain}, started by {@link ChildJvm}) rather than in this one, so that
 * tests can stop it cleanly (SIGTERM, as in production), crash it (SIGKILL) and start it again on the same ports
 * and log directory, exactly like a real broker; and so that the broker's threads, memory and log output stay out of
 * the test JVM. Its output goes to {@link #logFile()}. {@link #stop()} is a clean shutdown (SIGTERM); after
 * {@link #kill()} the next {@link #start()} recovers the log.
 */
public final class KafkaBroker extends LocalServer {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.apache.kafka.clients" level="WARN"/>
              <logger name="kafka.utils.Log4jControllerRegistration$" level="WARN"/>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    /** Broker settings beyond the fixed single-node ones; immutable, each method returns a changed copy. */
    public static final class Options {

        private final Map<String, String> properties;

        private Options(Map<String, String> properties) {
            this.properties = properties;
        }

        /**
         * num.partitions 3, no automatic topic creation, no initial rebalance delay, and message.max.bytes 8 MiB:
         * the event contract allows 1 MiB of content, which with its JSON envelope exceeds Kafka's default of 1 MiB.
         */
        public static Options defaults() {
            return new Options(Map.of(
                    "num.partitions", "3",
                    "auto.create.topics.enable", "false",
                    "group.initial.rebalance.delay.ms", "0",
                    "message.max.bytes", Integer.toString(8 * 1024 * 1024)));
        }

        /** Sets (or overrides) one line of server.properties. */
        public Options property(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(properties);
            changed.put(name, value);
            return new Options(Map.copyOf(changed));
        }
    }

    private final Path logDirectory;
    private final Path propertiesFile;
    private final int nodeId;
    private final String clusterId;

    private KafkaBroker(Options options, Path home, Node node) {
        super(
                node.clusterSize() == 1 ? "Kafka broker" : "Kafka broker " + node.id(),
                home,
                node.port(),
                home.resolve("kafka.log"),
                "TERM",
                STOP_TIMEOUT);
        this.logDirectory = home.resolve("data");
        this.propertiesFile = home.resolve("server.properties");
        this.nodeId = node.id();
        this.clusterId = node.clusterId();
        Dirs.write(propertiesFile, serverProperties(options, node));
        Dirs.write(home.resolve("logback.xml"), LOGBACK);
    }

    /**
     * One node of a KRaft cluster, broker and controller in one process (combined mode).
     *
     * @param voters      {@code controller.quorum.voters} of the whole cluster, e.g. {@code 1@127.0.0.1:9093,...}
     * @param clusterSize how many nodes the cluster has: it sets the replication of the internal topics and the
     *                    defaults of new ones (see {@link KafkaCluster})
     */
    record Node(int id, int port, int controllerPort, String voters, String clusterId, int clusterSize) {}

    /** Formats a new log directory and starts a broker on it; {@link #close()} deletes it again. */
    public static KafkaBroker start(Options options) {
        int[] ports = FreePorts.pick(2);
        String voters = "1@" + FreePorts.LOOPBACK + ":" + ports[1];
        Node single = new Node(1, ports[0], ports[1], voters, Uuid.randomUuid().toString(), 1);
        return launch(node(options, single), broker -> {});
    }

    /** A node of a cluster, not started: {@link KafkaCluster} starts its nodes together, as a quorum needs. */
    static KafkaBroker node(Options options, Node node) {
        return new KafkaBroker(options, Dirs.createTemp("grizz-kafka-" + node.id() + "-"), node);
    }

    /** {@code node.id}, which the cluster's metadata names leaders and replicas by. */
    public int nodeId() {
        return nodeId;
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return FreePorts.LOOPBACK + ":" + port;
    }

    /**
     * Creates a topic (replication factor 1 on a single broker; on a node of a cluster, the cluster's) and waits
     * until every partition has a leader.
     */
    public void createTopic(String name, int partitions) {
        KafkaTopics.create(bootstrapServers(), name, partitions);
    }

    @Override
    public String toString() {
        return "Kafka broker " + nodeId + " on " + bootstrapServers() + " (" + home + ")";
    }

    @Override
    protected List<String> command() {
        return ChildJvm.command(
                home,
                List.of(
                        "-Xmx512m",
                        "-Djava.awt.headless=true",
                        "-Dlogback.configurationFile=" + home.resolve("logback.xml")),
                KafkaServerMain.class.getName(),
                List.of(propertiesFile.toString(), clusterId, logDirectory.toString()));
    }

    @Override
    protected String readyMessage(long startMillis) {
        return "Kafka broker ready on " + bootstrapServers() + " in " + startMillis + " ms (log dir " + logDirectory
                + ", log " + logFile + ")";
    }

    private String serverProperties(Options options, Node node) {
        int port = node.port();
        int controllerPort = node.controllerPort();
        String replicas = Integer.toString(KafkaCluster.replicationFactor(node.clusterSize()));
        String minInSync = Integer.toString(KafkaCluster.minInSyncReplicas(node.clusterSize()));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", Integer.toString(node.id()));
        properties.put("controller.quorum.voters", node.voters());
        properties.put(
                "listeners",
                "PLAINTEXT://" + FreePorts.LOOPBACK + ":" + port + ",CONTROLLER://" + FreePorts.LOOPBACK + ":"
                        + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + FreePorts.LOOPBACK + ":" + port);
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logDirectory.toString());
        // the internal topics and new topics alike: on one node 1 and 1, on a cluster 3 and 2
        properties.put("offsets.topic.replication.factor", replicas);
        properties.put("transaction.state.log.replication.factor", replicas);
        properties.put("transaction.state.log.min.isr", minInSync);
        properties.put("share.coordinator.state.topic.replication.factor", replicas);
        properties.put("share.coordinator.state.topic.min.isr", minInSync);
        properties.put("default.replication.factor", replicas);
        properties.put("min.insync.replicas", minInSync);
        // a crashed broker's registration blocks its restart until this session expires (default 9 s), so it is
        // shorter here; but not much shorter: a broker starved of CPU for a whole session is fenced, its
        // partitions go offline for a moment, and an idempotent producer may fail a batch it had in flight
        properties.put("broker.heartbeat.interval.ms", "500");
        properties.put("broker.session.timeout.ms", "6000");
        properties.putAll(options.properties);
        return properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * The broker opens its client port only once it is registered and unfenced; polling the port first keeps the
     * admin client from logging a warning per refused connection.
     */
    @Override
    protected void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!acceptsConnections() && System.nanoTime() < deadline) {
            failIfExited();
            Pause.sleep(Duration.ofMillis(50));
        }
        Exception last = null;
        try (Admin admin = KafkaTopics.admin(bootstrapServers())) {
            while (System.nanoTime() < deadline) {
                failIfExited();
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
                } catch (Exception e) {
                    last = e;
                }
                Pause.sleep(Duration.ofMillis(100));
            }
        }
        throw notReady("answer on " + bootstrapServers(), READY_TIMEOUT, last);
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePorts.LOOPBACK, port), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
