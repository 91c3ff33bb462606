package io.grizz.worker.support;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/** A topic's settings changed while the worker runs, as an operator changes them (Admin, incrementally). */
public final class TopicConfigs {

    private TopicConfigs() {}

    /** Sets the topic's {@code max.message.bytes}, e.g. 16 so that it refuses every record. */
    public static void maxMessageBytes(String bootstrapServers, String topic, int bytes) {
        alter(
                bootstrapServers,
                topic,
                new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(bytes)),
                        AlterConfigOp.OpType.SET));
    }

    /** Back to the broker's default {@code max.message.bytes}. */
    public static void restoreMaxMessageBytes(String bootstrapServers, String topic) {
        alter(
                bootstrapServers,
                topic,
                new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE));
    }

    /** Deletes the topic (the broker creates none by itself: auto-creation is off). */
    public static void delete(String bootstrapServers, String topic) {
        try (Admin admin = admin(bootstrapServers)) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot delete " + topic, e);
        }
    }

    private static void alter(String bootstrapServers, String topic, AlterConfigOp op) {
        try (Admin admin = admin(bootstrapServers)) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(op)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot change " + topic + ": " + op, e);
        }
    }

    private static Admin admin(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(config);
    }
}
