package io.grizz.compose.server;

import java.nio.file.Files;
import java.nio.file.Path;
import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Entry point of the broker's child JVM (see {@link KafkaBroker}): formats the log directory on the first start,
 * as {@code kafka-storage.sh format} would, then runs the broker as {@code kafka-server-start.sh} would. Doing both
 * in one JVM saves a JVM start-up on the first start.
 *
 * <p>Arguments: the server.properties path, the cluster id, the log directory.
 */
public final class KafkaServerMain {

    private KafkaServerMain() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: KafkaServerMain <server.properties> <cluster id> <log dir>");
        }
        String properties = args[0];
        if (!Files.exists(Path.of(args[2], "meta.properties"))) {
            int code = StorageTool.execute(new String[] {"format", "-t", args[1], "-c", properties}, System.out);
            if (code != 0) {
                System.exit(code);
            }
        }
        Kafka.main(new String[] {properties});
    }
}
