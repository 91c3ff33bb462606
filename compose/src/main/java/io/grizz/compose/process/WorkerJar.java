package io.grizz.compose.process;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the worker's executable jar, for dev mode and the load harness, which both run it as a child process. */
public final class WorkerJar {

    static final Path DEFAULT = Path.of("worker", "target", "grizz-worker.jar");
    /** Set by the build for integration tests, which run in a module's directory. */
    public static final String PROPERTY = "grizz.worker.jar";

    private WorkerJar() {}

    /**
     * {@code --worker-jar} if given (relative to {@code cwd}), else the {@value #PROPERTY} system property, else
     * {@code worker/target/grizz-worker.jar} in {@code cwd} or the nearest parent that has one, so it works from the
     * repository root and from a module's directory alike.
     */
    public static Path locate(Path argument, Path cwd) {
        Path named = argument != null
                ? argument
                : System.getProperty(PROPERTY) != null ? Path.of(System.getProperty(PROPERTY)) : null;
        if (named != null) {
            Path jar = cwd.resolve(named).normalize();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("worker jar " + jar + ": no such file; build it with "
                        + "./mvnw -DskipTests package, or pass --worker-jar PATH");
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
