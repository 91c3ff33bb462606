package io.grizz.compose.dev;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Stands in for the worker jar in {@link DevModeJarIT}: checks that dev mode handed it reachable Kafka and
 * PostgreSQL addresses, then exits with 42 ({@code FAKE_WORKER_MODE=exit}) or waits to be stopped ({@code wait}).
 * Uses the JDK only, since it runs from a jar of its own.
 */
public final class FakeWorker {

    static final int EXIT_CODE = 42;

    private FakeWorker() {}

    public static void main(String[] args) throws Exception {
        String kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        URI database = URI.create(System.getenv("DATABASE_URL").substring("jdbc:".length()));
        connect(kafka.substring(0, kafka.indexOf(':')), Integer.parseInt(kafka.substring(kafka.indexOf(':') + 1)));
        connect(database.getHost(), database.getPort());
        System.out.println("fake worker pid " + ProcessHandle.current().pid() + " reached Kafka " + kafka
                + " and PostgreSQL " + database + " with roles " + System.getenv("GRIZZ_ROLES")
                + " and topic " + System.getenv("GRIZZ_TOPIC"));
        if ("wait".equals(System.getenv("FAKE_WORKER_MODE"))) {
            Thread.sleep(Long.MAX_VALUE);
        }
        System.exit(EXIT_CODE);
    }

    private static void connect(String host, int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
        }
    }
}
