package io.grizz.compose.server;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The account PostgreSQL and PgBouncer run as. PostgreSQL refuses to run as root ({@code initdb: cannot be run
 * as root}), and CI and containers often are root; so when this JVM is uid 0 the servers are started through
 * {@code setpriv} as {@code nobody} (uid/gid 65534) with their directories handed over to it. A normal user runs
 * them directly, as itself.
 */
final class ServerUser {

    static final int NOBODY = 65534;

    private static final boolean ROOT = new UnixSystem().getUid() == 0;

    private ServerUser() {}

    static boolean isRoot() {
        return ROOT;
    }

    /** The command, prefixed so that it runs as the server user. */
    static List<String> wrap(List<String> command) {
        if (!ROOT) {
            return command;
        }
        if (!Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            throw new IllegalStateException("Running as root, PostgreSQL must be started as 'nobody', "
                    + "which needs /usr/bin/setpriv (Debian package util-linux)");
        }
        List<String> wrapped = new ArrayList<>(
                List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Hands the tree at {@code path} to the server user (a no-op unless root), after checking that the server user
     * can reach it at all: a java.io.tmpdir below /root, say, is not searchable by {@code nobody}.
     */
    static void own(Path path) {
        if (!ROOT) {
            return;
        }
        for (Path dir = path.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (!searchableByServerUser(dir)) {
                throw new IllegalStateException(dir + " is not searchable by uid " + NOBODY + " ('nobody'), which runs "
                        + "PostgreSQL and PgBouncer when this JVM is root; give it o+x or point java.io.tmpdir "
                        + "elsewhere (e.g. -Djava.io.tmpdir=/tmp)");
            }
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                Files.setAttribute(p, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not hand " + path + " to uid " + NOBODY, e);
        }
    }

    private static boolean searchableByServerUser(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)
                    || (Integer) Files.getAttribute(dir, "unix:uid") == NOBODY;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the permissions of " + dir, e);
        }
    }
}
