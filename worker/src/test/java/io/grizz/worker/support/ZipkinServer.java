package io.grizz.worker.support;

import io.grizz.compose.process.ChildProcess;
import io.grizz.compose.process.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Zipkin server (its executable jar from Maven Central, copied to {@code target/zipkin} by the build) on a
 * free loopback port, in-memory storage, as a child process.
 */
public final class ZipkinServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final ChildProcess process;
    private final int port;

    private ZipkinServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The jar the build copied, when it is there (tests skip without it). */
    public static Path jar() {
        return Path.of(System.getProperty("grizz.zipkin.jar", "target/zipkin/zipkin-server.jar"));
    }

    public static ZipkinServer start() {
        int port = FreePorts.pick();
        try {
            Path log = Files.createTempFile("zipkin-", ".log");
            ChildProcess process = ChildProcess.start(
                    "Zipkin",
                    List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx256m",
                            "-jar",
                            jar().toString()),
                    Map.of("QUERY_PORT", Integer.toString(port), "STORAGE_TYPE", "mem"),
                    log,
                    "KILL",
                    null);
            ZipkinServer server = new ZipkinServer(process, port);
            LocalHttp.awaitReady(process, "Zipkin", server.base() + "/health", READY_TIMEOUT);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a worker sends its spans ({@code management.tracing.export.zipkin.endpoint}). */
    public String spansEndpoint() {
        return base() + "/api/v2/spans";
    }

    /** GET on Zipkin's v2 API, e.g. {@code /api/v2/traces?serviceName=grizz-worker}; the JSON body. */
    public String get(String pathAndQuery) {
        return LocalHttp.get(base() + pathAndQuery).body();
    }

    /** POSTs spans in Zipkin's v2 JSON, as a producer's tracer would. */
    public void post(String spansJson) {
        int status = LocalHttp.postJson(spansEndpoint(), spansJson);
        if (status != 202) {
            throw new IllegalStateException("Zipkin answered " + status + " to the spans");
        }
    }

    /** A page of Zipkin's web UI, e.g. {@code /traces/<trace id>}. */
    public String ui(String path) {
        return base() + "/zipkin" + path;
    }

    private String base() {
        return "http://" + FreePorts.LOOPBACK + ":" + port;
    }

    @Override
    public void close() {
        process.kill();
    }
}
