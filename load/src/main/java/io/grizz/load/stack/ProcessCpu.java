package io.grizz.load.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of processes, from Linux's /proc. */
public final class ProcessCpu {

    /** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every mainstream Linux build. */
    static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {}

    /**
     * User plus system CPU seconds of {@code root} and of its live descendants, each with the time of the children
     * it has already reaped: so PostgreSQL's postmaster counts its backends, whether they are still connected or
     * not (a live process's own time is in no one's reaped time, so nothing counts twice). 0 where /proc cannot be
     * read.
     */
    public static double seconds(ProcessHandle root) {
        long ticks = ticks(root.pid());
        for (ProcessHandle descendant : root.descendants().toList()) {
            ticks += ticks(descendant.pid());
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** User plus system CPU seconds of {@code process} alone (and the children it has reaped). */
    public static double ownSeconds(ProcessHandle process) {
        return ticks(process.pid()) / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds all processes of the machine have used since boot (user, nice, system, irq, softirq and steal of
     * the first line of /proc/stat), so that what a benchmark's own processes did not use can be told apart from
     * what something else on the machine took. 0 where /proc cannot be read.
     */
    public static double machineSeconds() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            return lines.findFirst().map(ProcessCpu::parseMachineTicks).orElse(0L) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }

    /** The busy ticks of the {@code cpu} line of /proc/stat: all but idle, iowait and guest (already in user). */
    static long parseMachineTicks(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += i < fields.length ? Long.parseLong(fields[i]) : 0;
        }
        return busy;
    }

    private static long ticks(long pid) {
        try {
            return parseTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /**
     * utime + stime + cutime + cstime: fields 14 to 17 of /proc/<pid>/stat, counted after the command name, which is
     * in parentheses and may itself hold spaces.
     */
    static long parseTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[11])
                + Long.parseLong(fields[12])
                + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }
}
