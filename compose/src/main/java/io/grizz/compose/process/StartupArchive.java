package io.grizz.compose.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The worker's start-up archive, which the build leaves beside its jar (worker/pom.xml; docs/operations.md,
 * "Start-up"): the jar extracted to {@code grizz-worker-cds/} and the CDS archive of a training run,
 * {@code grizz-worker-cds/grizz-worker.jsa}. Started from it, the JVM maps the classes Spring Boot loads instead of
 * reading, parsing and verifying each from a nested jar: the worker starts in about half the time and CPU.
 *
 * @param jar     the extracted application jar, whose manifest names the libraries beside it
 * @param archive the CDS archive of the training run
 */
public record StartupArchive(Path jar, Path archive) {

    static final String DIRECTORY = "grizz-worker-cds";
    static final String ARCHIVE = "grizz-worker.jsa";

    /**
     * The archive built from {@code executableJar}, if it is there and not older than the jar: a jar rebuilt
     * without it ({@code -Dstartup-archive.skip=true}) runs as it is.
     */
    public static Optional<StartupArchive> beside(Path executableJar) {
        Path directory = executableJar.resolveSibling(DIRECTORY);
        StartupArchive candidate =
                new StartupArchive(directory.resolve(executableJar.getFileName()), directory.resolve(ARCHIVE));
        try {
            if (Files.isRegularFile(candidate.jar())
                    && Files.isRegularFile(candidate.archive())
                    && Files.getLastModifiedTime(candidate.archive())
                                    .compareTo(Files.getLastModifiedTime(executableJar))
                            >= 0) {
                return Optional.of(candidate);
            }
        } catch (IOException e) {
            // unreadable: start from the jar itself
        }
        return Optional.empty();
    }

    /** What goes after the JVM's own options: the archive, then {@code -jar} and the extracted jar. */
    public List<String> launchArguments() {
        return List.of("-XX:SharedArchiveFile=" + archive, "-jar", jar.toString());
    }
}
