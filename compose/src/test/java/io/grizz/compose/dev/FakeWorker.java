package io.grizz.compose.dev;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Stands in for the worker jar in {@link DevModeJarIT}: checks that dev mode handed it reachable Kafka and
 * PostgreSQL addresses, then exits with 42 ({@code FAKE_WORKER_MODE=exit}) or runs until stopped ({@code wait}).
 * Running, it serves {@code /actuator/health/readiness} on {@code SERVER_PORT} as the worker does: DOWN (503) for
 * its first {@link #NOT_READY_MILLIS}, UP after, saying on standard output when it first answered each; and, like
 * the worker, it exits 0 on SIGTERM. Uses the JDK only, since it runs from a jar of its own.
 */
public final class FakeWorker {

    static final int EXIT_CODE = 42;
    static final long NOT_READY_MILLIS = 3_000;
    static final String ANSWERED_DOWN = "fake worker answered readiness DOWN";
    static final String ANSWERED_UP = "fake worker answered readiness UP";

    private FakeWorker() {}

    public static void main(String[] args) throws Exception {
        String kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        URI database = URI.create(System.getenv("DATABASE_URL").substring("jdbc:".length()));
        connect(kafka.substring(0, kafka.indexOf(':')), Integer.parseInt(kafka.substring(kafka.indexOf(':') + 1)));
        connect(database.getHost(), database.getPort());
        System.out.println("fake worker pid " + ProcessHandle.current().pid() + " reached Kafka " + kafka
                + " and PostgreSQL " + database + " with roles " + System.getenv("GRIZZ_ROLES")
                + " and topic " + System.getenv("GRIZZ_TOPIC"));
        if (!"wait".equals(System.getenv("FAKE_WORKER_MODE"))) {
            System.exit(EXIT_CODE);
        }
        Signal.handle(new Signal("TERM"), signal -> {
            System.out.println("fake worker stopping on SIGTERM");
            System.exit(0);
        });
        serveReadiness(Integer.parseInt(System.getenv("SERVER_PORT")), System.nanoTime());
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void serveReadiness(int port, long started) throws IOException {
        AtomicBoolean saidDown = new AtomicBoolean();
        AtomicBoolean saidUp = new AtomicBoolean();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            boolean up = System.nanoTime() - started > NOT_READY_MILLIS * 1_000_000;
            // said before the answer leaves, so the line is in the output before dev mode can react to it
            if (!(up ? saidUp : saidDown).getAndSet(true)) {
                System.out.println(up ? ANSWERED_UP : ANSWERED_DOWN);
            }
            answer(exchange, up ? 200 : 503, up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
        });
        server.start();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.spring-boot.actuator.v3+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void connect(String host, int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
        }
    }
}
