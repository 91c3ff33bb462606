package io.grizz.compose.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Stops a server when this JVM dies without stopping it (SIGKILL, an IDE's stop button, an OOM kill): a shutdown
 * hook does not run then, and PostgreSQL, Kafka and the worker would live on as orphans holding ports and files.
 * A small shell loop, in its own session, polls both PIDs once a second; when this JVM is gone it sends the
 * server's clean-shutdown signal, SIGKILL if it is still there 30 s later, and then deletes the server's working
 * directory, which the dead JVM can no longer do. It ends by itself when the server exits.
 */
final class OrphanWatchdog {

    private static final String SCRIPT = """
            parent=$1 child=$2 sig=$3 leftovers=$4
            while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
            kill -0 "$parent" 2>/dev/null && exit 0
            kill -s "$sig" "$child" 2>/dev/null || exit 0
            i=0
            while [ $i -lt 30 ] && kill -0 "$child" 2>/dev/null; do sleep 1; i=$((i+1)); done
            kill -s KILL "$child" 2>/dev/null
            sleep 1
            [ -n "$leftovers" ] && rm -rf -- "$leftovers"
            exit 0
            """;

    private OrphanWatchdog() {}

    /**
     * @param leftovers the directory to delete once the orphaned server is gone; {@code null} for none
     */
    static Process guard(long childPid, String signal, Path leftovers) {
        List<String> command = ChildProcess.inOwnSession(List.of(
                "/bin/sh",
                "-c",
                SCRIPT,
                "grizz-orphan-watchdog",
                Long.toString(ProcessHandle.current().pid()),
                Long.toString(childPid),
                signal,
                leftovers == null ? "" : leftovers.toString()));
        try {
            return new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the orphan watchdog for pid " + childPid, e);
        }
    }
}
