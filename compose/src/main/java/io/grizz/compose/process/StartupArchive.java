package io.grizz.compose.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The worker's start-up archive, which the build leaves beside its jar (worker/pom.xml; docs/operations.md,
 * "Start-up"): the jar extracted to {@code grizz-worker-cds/}, the CDS archive of the build's training run,
 * {@code grizz-worker.jsa} (which the harness's {@code aot-cache} command, run on a JDK below 25, replaces with one
 * trained on a real drain), and, once that command has run on a JDK 25 or newer, that JDK's AOT cache,
 * {@code grizz-worker.aot}. Started from the CDS archive, the JVM maps the classes Spring Boot loads
 * instead of reading, parsing and verifying each from a nested jar: the worker starts in about half the time and
 * CPU. The AOT cache holds the same classes already linked, and the method profiles of a run that consumed and wrote
 * batches, so the JIT starts where that run left off.
 *
 * @param jar      the extracted application jar, whose manifest names the libraries beside it
 * @param archive  the CDS archive of the build's training run
 * @param aotCache the AOT cache of a JDK 25+ training run, if one was made after the jar
 */
public record StartupArchive(Path jar, Path archive, Optional<Path> aotCache) {

    static final String DIRECTORY = "grizz-worker-cds";
    static final String ARCHIVE = "grizz-worker.jsa";
    static final String AOT_CACHE = "grizz-worker.aot";

    /** The first JDK whose {@code -XX:AOTCacheOutput} trains in one run (JEP 514) and keeps method profiles. */
    public static final int AOT_CACHE_SINCE = 25;

    /** The options that make the JVM write an archive; such a run may not read one at the same time. */
    private static final List<String> ARCHIVE_WRITING_OPTIONS =
            List.of("-XX:AOTCacheOutput=", "-XX:AOTMode=record", "-XX:ArchiveClassesAtExit=");

    /**
     * The archive built from {@code executableJar}, if it is there and not older than the jar: a jar rebuilt
     * without it ({@code -Dstartup-archive.skip=true}) runs as it is. So does an AOT cache older than the jar.
     */
    public static Optional<StartupArchive> beside(Path executableJar) {
        Path directory = executableJar.resolveSibling(DIRECTORY);
        Path jar = directory.resolve(executableJar.getFileName());
        Path archive = directory.resolve(ARCHIVE);
        if (!Files.isRegularFile(jar) || !notOlder(archive, executableJar)) {
            return Optional.empty();
        }
        Path aotCache = directory.resolve(AOT_CACHE);
        return Optional.of(new StartupArchive(
                jar, archive, notOlder(aotCache, executableJar) ? Optional.of(aotCache) : Optional.empty()));
    }

    /** Where the build, or a training run on a JDK below 25, writes the CDS archive for {@code executableJar}. */
    public static Path archiveFor(Path executableJar) {
        return executableJar.resolveSibling(DIRECTORY).resolve(ARCHIVE);
    }

    /** Where a training run on a JDK 25 or newer writes the AOT cache for {@code executableJar}. */
    public static Path aotCacheFor(Path executableJar) {
        return executableJar.resolveSibling(DIRECTORY).resolve(AOT_CACHE);
    }

    /**
     * What goes after the JVM's own options on a JVM of {@code javaFeature} (e.g. 17): the AOT cache where that JVM
     * reads one and there is one, else the CDS archive; nothing to read when {@code jvmOptions} write an archive
     * (a training run); then {@code -jar} and the extracted jar.
     */
    public List<String> launchArguments(int javaFeature, List<String> jvmOptions) {
        List<String> jarArguments = List.of("-jar", jar.toString());
        if (jvmOptions.stream().anyMatch(StartupArchive::writesAnArchive)) {
            return jarArguments;
        }
        String read = aotCache.filter(cache -> javaFeature >= AOT_CACHE_SINCE)
                .map(cache -> "-XX:AOTCache=" + cache)
                .orElse("-XX:SharedArchiveFile=" + archive);
        return List.of(read, "-jar", jar.toString());
    }

    private static boolean writesAnArchive(String jvmOption) {
        return ARCHIVE_WRITING_OPTIONS.stream().anyMatch(jvmOption::startsWith);
    }

    private static boolean notOlder(Path file, Path than) {
        try {
            return Files.isRegularFile(file)
                    && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(than)) >= 0;
        } catch (IOException e) {
            return false; // unreadable: start without it
        }
    }
}
