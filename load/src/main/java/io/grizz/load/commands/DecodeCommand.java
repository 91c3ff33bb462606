package io.grizz.load.commands;

import io.grizz.load.benchmark.DecodeBenchmark;
import io.grizz.load.cli.MixConverter;
import io.grizz.load.cli.ReportOptions;
import io.grizz.load.cli.RunIds;
import io.grizz.load.cli.WriterOptions;
import io.grizz.load.report.Report;
import io.grizz.load.workload.EventMix;
import io.grizz.load.workload.GeneratedWorkload;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The worker's decoder alone, in this JVM: nanoseconds and bytes allocated per record. */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = {
            "The worker's decoder alone, on one thread of this JVM: N of the workload's records decoded pass after "
                    + "pass, the first passes not counted. No stack is started.",
            "Reports the median pass's CPU nanoseconds per record (the thread's own CPU time: no garbage collector, "
                    + "no other process) and the heap allocated per record; run it with the java the worker runs on."
        })
public final class DecodeCommand implements Callable<Integer> {

    @Mixin
    WriterOptions writers;

    @Mixin
    ReportOptions reports;

    @Option(
            names = {"-n", "--events"},
            defaultValue = "100000",
            description = "records per pass (default: ${DEFAULT-VALUE})")
    int events;

    @Option(
            names = "--mix",
            defaultValue = "70,25,5",
            converter = MixConverter.class,
            description = "created,updated,deleted percentages (default: ${DEFAULT-VALUE})")
    EventMix mix;

    @Option(
            names = "--warmup-passes",
            defaultValue = "20",
            description = "passes not counted, while the JIT compiles the decoder (default: ${DEFAULT-VALUE})")
    int warmups;

    @Option(names = "--passes", defaultValue = "15", description = "measured passes (default: ${DEFAULT-VALUE})")
    int passes;

    @Override
    public Integer call() {
        String runId = RunIds.next();
        GeneratedWorkload workload = GeneratedWorkload.generate(writers.spec(events, mix), runId);
        DecodeBenchmark.Result result = DecodeBenchmark.run(workload, warmups, passes);
        Report report = Report.builder("decode", "Decode: " + workload.describe(), runId)
                .setting("events", events)
                .setting("mix", mix.toString())
                .setting("passes", warmups + " warm-up, " + passes + " measured")
                .environment("stack", "none: the decoder in the harness's JVM, one thread")
                .figure("decode_time", "decode, median pass (thread CPU)", result.medianNanosPerRecord(), "ns/record")
                .figure(
                        "decode_time_fastest",
                        "decode, fastest pass (thread CPU)",
                        result.fastestNanosPerRecord(),
                        "ns/record")
                .figure("decode_allocated", "heap allocated", result.bytesPerRecord(), "bytes/record")
                .figure("value_bytes", "mean record value", result.valueBytes(), "bytes")
                .note("measured passes, ns/record: "
                        + Arrays.stream(result.nanosPerRecord())
                                .mapToObj(nanos -> String.format("%.0f", nanos))
                                .collect(Collectors.joining(" · ")))
                .build();
        return reports.emit(report);
    }
}
