package io.grizz.compose;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the worker's executable jar for dev mode. */
final class WorkerJar {

    static final Path DEFAULT = Path.of("worker", "target", "grizz-worker.jar");

    private WorkerJar() {
    }

    /**
     * The jar named by {@code --worker-jar} (relative to {@code cwd}), or else {@code worker/target/grizz-worker.jar}
     * in {@code cwd} or the nearest parent that has one, so dev mode works from the repository root and from
     * {@code compose/} alike.
     */
    static Path locate(String argument, Path cwd) {
        if (argument != null) {
            Path jar = cwd.resolve(argument).normalize();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("--worker-jar " + argument + ": no such file (" + jar + ")");
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
                + " nor in a parent directory; build it with ./mvnw -DskipTests package, or pass --worker-jar <path>");
    }
}
