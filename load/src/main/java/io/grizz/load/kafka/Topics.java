package io.grizz.load.kafka;

import io.grizz.contracts.Wire;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Topic housekeeping the compose module does not offer. */
public final class Topics {

    private Topics() {}

    /** Deletes {@code topic} and its dead-letter topic, so repeated rounds do not fill the disk. */
    public static void deleteWithDeadLetters(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            List<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(name -> name.equals(topic) || name.equals(Wire.deadLetterTopic(topic)))
                    .toList();
            admin.deleteTopics(existing).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot delete topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
