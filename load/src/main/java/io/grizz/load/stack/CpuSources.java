package io.grizz.load.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** The processes of a local run whose CPU time a report accounts for. */
public final class CpuSources {

    /** The name the database's CPU goes by in every report. */
    public static final String POSTGRESQL = "PostgreSQL";

    private CpuSources() {}

    /** The worker, the servers, and the harness itself (its own process only: all the others descend from it). */
    public static Map<String, DoubleSupplier> of(LocalServers servers, WorkerProcess worker) {
        Map<String, DoubleSupplier> sources = new LinkedHashMap<>();
        ProcessHandle workerProcess = ProcessHandle.of(worker.pid()).orElseThrow();
        sources.put("worker", () -> ProcessCpu.ownSeconds(workerProcess));
        sources.putAll(servers.cpuSeconds());
        sources.put("harness", () -> ProcessCpu.ownSeconds(ProcessHandle.current()));
        return sources;
    }
}
