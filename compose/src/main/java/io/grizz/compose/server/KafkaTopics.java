package io.grizz.compose.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/** Topics on any Kafka cluster: the local broker, a container, or an external cluster. */
public final class KafkaTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KafkaTopics() {}

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "grizz-compose",
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                200,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis()));
    }

    /**
     * Creates the topic with the cluster's default replication factor and waits until every partition has a
     * leader, so producers and consumers can use it at once.
     */
    public static void create(String bootstrapServers, String name, int partitions) {
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty())))
                    .all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!hasLeaders(admin, name, partitions)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Topic " + name + " on " + bootstrapServers
                            + " has no leader for every partition after " + TIMEOUT.toSeconds() + " s");
                }
                Pause.sleep(Duration.ofMillis(50));
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Could not create topic " + name + " on " + bootstrapServers + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Could not create topic " + name + " on " + bootstrapServers + " within " + TIMEOUT.toSeconds()
                            + " s",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        }
    }

    /** Each partition of {@code topic} and the node id of its leader (-1 while it has none). */
    public static Map<Integer, Integer> leaders(String bootstrapServers, String topic) {
        try (Admin admin = admin(bootstrapServers)) {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic);
            Map<Integer, Integer> leaders = new TreeMap<>();
            for (TopicPartitionInfo partition : description.partitions()) {
                Node leader = partition.leader();
                leaders.put(partition.partition(), leader == null || leader.isEmpty() ? -1 : leader.id());
            }
            return leaders;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Could not describe topic " + topic + " on " + bootstrapServers + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not describe topic " + topic + " on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topic " + topic, e);
        }
    }

    private static boolean hasLeaders(Admin admin, String name, int partitions)
            throws InterruptedException, TimeoutException {
        try {
            TopicDescription description = admin.describeTopics(List.of(name))
                    .allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(name);
            List<TopicPartitionInfo> infos = description.partitions();
            return infos.size() == partitions
                    && infos.stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException notYetKnown) {
            return false;
        }
    }
}
