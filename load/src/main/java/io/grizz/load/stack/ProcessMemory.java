package io.grizz.load.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Reads a process's memory from Linux's /proc. */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** VmHWM: the peak resident set since the process started, which no sampling interval can miss. */
    public static OptionalLong peakRssBytes(long pid) {
        try {
            return parseKilobytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")), "VmHWM:");
        } catch (IOException | RuntimeException gone) {
            return OptionalLong.empty();
        }
    }

    /** The value of a {@code Name:   1234 kB} line of /proc/<pid>/status, in bytes. */
    static OptionalLong parseKilobytes(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                String[] parts = line.substring(field.length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
            }
        }
        return OptionalLong.empty();
    }
}
