package io.grizz.worker.ingest;

import io.grizz.worker.health.TimeBoxedHealthIndicator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** {@code kafka} in /actuator/health and readiness (ingest role only): does a broker answer? */
public class KafkaHealthIndicator extends TimeBoxedHealthIndicator {

    private final Admin admin;

    public KafkaHealthIndicator(Admin admin) {
        super("kafka", Duration.ofSeconds(3));
        this.admin = admin;
    }

    @Override
    protected void probe() throws Exception {
        int timeout = (int) deadline().toMillis();
        admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout))
                .nodes()
                .get(timeout, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        super.close();
        admin.close(Duration.ofSeconds(1));
    }
}
