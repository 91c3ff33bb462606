package io.grizz.compose.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An online base backup of a running {@link PostgresServer} into a new data directory, ready to start as a streaming
 * standby: what {@code pg_basebackup -R -S slot} does, done with PostgreSQL's low-level backup API
 * ({@code pg_backup_start} / {@code pg_backup_stop}) and a file copy.
 *
 * <p>Why not {@code pg_basebackup} itself: zonky's bundles carry only {@code initdb}, {@code pg_ctl} and
 * {@code postgres}, and a distribution's {@code pg_basebackup} refuses a server of a newer major version. The
 * low-level API needs nothing but SQL and the files, which this JVM can read (it owns them, or is root).
 *
 * <p>The replication slot is created before the backup starts, so the primary keeps every WAL segment the standby
 * needs from the backup's checkpoint on, however long the copy takes. Files may change while they are copied; that is
 * what the {@code backup_label} is for: the standby replays WAL from the backup's checkpoint and so repairs them.
 */
final class BaseBackup {

    /** Directories whose contents are the running server's own, not the cluster's (as pg_basebackup skips them). */
    private static final Set<String> EMPTIED = Set.of(
            "pg_wal",
            "pg_dynshmem",
            "pg_notify",
            "pg_replslot",
            "pg_serial",
            "pg_snapshots",
            "pg_stat_tmp",
            "pg_subtrans");

    /** Files of the running server, or of an earlier backup or recovery, never copied. */
    private static final Set<String> SKIPPED = Set.of(
            "postmaster.pid",
            "postmaster.opts",
            "pg_internal.init",
            "backup_label",
            "tablespace_map",
            "current_logfiles",
            "standby.signal",
            "recovery.signal");

    private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");

    private BaseBackup() {}

    /**
     * Copies {@code primary}'s data directory into {@code target} (which must not exist) and configures it to stream
     * from {@code primary} through the physical replication slot {@code slot}, created here.
     */
    static void take(PostgresServer primary, String slot, Path target) {
        if (!SLOT_NAME.matcher(slot).matches()) {
            throw new IllegalArgumentException("Not a replication slot name: " + slot);
        }
        try (Connection connection =
                        PostgresDatabases.connect(primary.jdbcUrl("postgres"), primary.username(), primary.password());
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
            // fast checkpoint: the copy starts now rather than at the next scheduled checkpoint
            statement.execute("SELECT pg_backup_start('grizz standby " + slot + "', true)");
            copy(primary.dataDirectory(), target);
            try (ResultSet stop = statement.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                stop.next();
                Files.writeString(target.resolve("backup_label"), stop.getString("labelfile"));
            }
            Files.writeString(target.resolve("standby.signal"), "");
            Files.writeString(
                    target.resolve("postgresql.auto.conf"),
                    "primary_conninfo = 'host=" + primary.host() + " port=" + primary.port() + " user="
                            + primary.username() + " application_name=" + slot + "'\n"
                            + "primary_slot_name = '" + slot + "'\n",
                    StandardOpenOption.APPEND,
                    StandardOpenOption.CREATE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take a base backup of " + primary, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy the data directory of " + primary + " to " + target, e);
        }
    }

    /** Drops the slot of a standby that is gone, so the primary stops keeping WAL for it; quiet if it cannot. */
    static void dropSlot(PostgresServer primary, String slot) {
        if (!primary.isRunning() || !SLOT_NAME.matcher(slot).matches()) {
            return;
        }
        try (Connection connection =
                        PostgresDatabases.connect(primary.jdbcUrl("postgres"), primary.username(), primary.password());
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                    + "WHERE slot_name = '" + slot + "' AND NOT active");
        } catch (SQLException e) {
            // the primary is going away as well; its slots go with it
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Path copy = target.resolve(source.relativize(dir).toString());
                Files.createDirectories(copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
                if (dir.getFileName().toString().startsWith("pgsql_tmp")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!dir.equals(source)
                        && dir.getParent().equals(source)
                        && EMPTIED.contains(dir.getFileName().toString())) {
                    if (dir.getFileName().toString().equals("pg_wal")) {
                        Files.createDirectories(copy.resolve("archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (SKIPPED.contains(file.getFileName().toString()) || !attributes.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(
                            file,
                            target.resolve(source.relativize(file).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException e) {
                    // dropped while we copied (a temporary file, a relation truncated away): replay recreates it
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }
}
