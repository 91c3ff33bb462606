package io.grizz.worker.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TESTS ONLY ({@code grizz.ingest.pause-after-commit-file}): holds the first batch that commits
 * between its commit and its announcements, for ever, after creating the file, so that a test
 * can kill the process in exactly that window and prove nothing is lost. Off (a no-op) unless set.
 */
final class AfterCommitPause {

    private static final Logger log = LoggerFactory.getLogger(AfterCommitPause.class);

    private final Path marker;

    AfterCommitPause(String markerFile) {
        this.marker = markerFile == null || markerFile.isBlank() ? null : Path.of(markerFile);
    }

    void afterCommit() {
        if (marker == null) {
            return;
        }
        synchronized (this) {
            try {
                log.warn("TEST PAUSE: a batch committed; holding it before its announcements ({})", marker);
                Files.writeString(marker, "committed\n");
                wait();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
