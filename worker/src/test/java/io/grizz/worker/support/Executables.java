package io.grizz.worker.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Programs the tests run from the machine (promtool, prometheus, node, npm, python3, chromium), found on the PATH. */
public final class Executables {

    private Executables() {}

    /** The first executable file of that name in a directory of the PATH. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
