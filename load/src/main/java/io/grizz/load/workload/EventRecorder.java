package io.grizz.load.workload;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the events of a run as JSON lines (the record values, one per line), the file {@code replay} reads.
 *
 * <p>Writers call it just before sending, under one lock: a conversation's events come from one writer, so its lines
 * land in sending order, which is all a replay needs to keep.
 */
public final class EventRecorder implements AutoCloseable {

    private final Path file;
    private final OutputStream out;

    private EventRecorder(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    public static EventRecorder create(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new EventRecorder(file, new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
    }

    /** The encoder writes compact JSON: no raw line breaks, so one value is one line. */
    public synchronized void record(OutgoingEvent event) {
        try {
            out.write(event.value());
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
