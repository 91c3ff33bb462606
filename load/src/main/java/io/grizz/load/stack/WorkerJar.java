package io.grizz.load.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the worker's executable jar the harness runs as its own worker. */
public final class WorkerJar {

    static final Path DEFAULT = Path.of("worker", "target", "grizz-worker.jar");
    /** Set by the build for the integration test, which runs in {@code load/}. */
    static final String PROPERTY = "grizz.worker.jar";

    private WorkerJar() {
    }

    /**
     * {@code --worker-jar} if given, else the {@value #PROPERTY} system property, else
     * {@code worker/target/grizz-worker.jar} in {@code cwd} or the nearest parent that has one.
     */
    public static Path locate(Path argument, Path cwd) {
        Path named = argument != null ? argument
                : System.getProperty(PROPERTY) != null ? Path.of(System.getProperty(PROPERTY)) : null;
        if (named != null) {
            Path jar = cwd.resolve(named).normalize();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("worker jar " + jar + " does not exist; build it with ./mvnw -DskipTests package");
            }
            return jar;
        }
        for (Path dir = cwd.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(DEFAULT);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalArgumentException(DEFAULT + " was found neither in " + cwd.toAbsolutePath()
                + " nor in a parent directory; build it with ./mvnw -DskipTests package, or pass --worker-jar PATH");
    }
}
