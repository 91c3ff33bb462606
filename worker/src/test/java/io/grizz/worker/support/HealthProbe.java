package io.grizz.worker.support;

import java.time.Duration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** /actuator/health groups of a worker, read over HTTP as an orchestrator reads them. */
public final class HealthProbe {

    private final int port;

    public HealthProbe(ConfigurableApplicationContext worker) {
        this(((WebServerApplicationContext) worker).getWebServer().getPort());
    }

    /** A worker in a child JVM, started with this {@code SERVER_PORT}. */
    public HealthProbe(int port) {
        this.port = port;
    }

    /** The group's body, e.g. {@code {"status":"UP"}}, or the failure to read it. */
    public String body(String group) {
        try {
            return LocalHttp.get("http://127.0.0.1:" + port + "/actuator/health/" + group)
                    .body();
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    public boolean is(String group, String status) {
        return body(group).contains("\"status\":\"" + status + "\"");
    }

    /** Waits until the group reports {@code status}; fails with its last answer otherwise. */
    public void await(String group, String status, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = body(group);
            if (last.contains("\"status\":\"" + status + "\"")) {
                return;
            }
            Drill.sleep(Duration.ofMillis(250));
        }
        throw new AssertionError(group + " not " + status + " within " + within + ": " + last);
    }
}
