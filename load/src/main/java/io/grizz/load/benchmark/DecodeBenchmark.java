package io.grizz.load.benchmark;

import io.grizz.contracts.DecodeResult;
import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.load.workload.EventStream;
import io.grizz.load.workload.OutgoingEvent;
import io.grizz.load.workload.Workload;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The worker's decoder alone, on one thread: {@link MessageWriteDecoder#decode} over the workload's records, pass
 * after pass, in this JVM. No broker, no database, no other process: the per-record cost of the step that JFR put
 * first among the worker's own. Each pass is timed by the thread's own CPU time, which leaves out what the
 * garbage collector's threads and other processes take: on a shared 2-core VM whose wall-clock passes move by a
 * third, that is the figure that stays put.
 */
public final class DecodeBenchmark {

    /**
     * @param nanosPerRecord each measured pass's CPU time on this thread per record, in pass order
     * @param bytesPerRecord heap allocated per record over the measured passes (HotSpot's per-thread counter)
     * @param records        records per pass
     * @param valueBytes     mean record value size
     */
    public record Result(double[] nanosPerRecord, double bytesPerRecord, int records, double valueBytes) {

        public double medianNanosPerRecord() {
            return sorted()[nanosPerRecord.length / 2];
        }

        /** The fastest pass: the one the VM's neighbours disturbed least. */
        public double fastestNanosPerRecord() {
            return sorted()[0];
        }

        private double[] sorted() {
            double[] sorted = nanosPerRecord.clone();
            Arrays.sort(sorted);
            return sorted;
        }
    }

    private record Encoded(byte[] key, byte[] value) {}

    private DecodeBenchmark() {}

    /** {@code warmups} passes not counted (the JIT compiles the decoder), then {@code passes} measured ones. */
    public static Result run(Workload workload, int warmups, int passes) {
        List<Encoded> records = encoded(workload);
        MessageWriteDecoder decoder = new MessageWriteDecoder();
        for (int i = 0; i < warmups; i++) {
            pass(decoder, records);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        double[] nanosPerRecord = new double[passes];
        for (int i = 0; i < passes; i++) {
            long start = threads.getCurrentThreadCpuTime();
            pass(decoder, records);
            nanosPerRecord[i] = (threads.getCurrentThreadCpuTime() - start) / (double) records.size();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        double valueBytes = records.stream()
                .mapToInt(record -> record.value().length)
                .average()
                .orElse(0);
        return new Result(nanosPerRecord, allocated / ((double) records.size() * passes), records.size(), valueBytes);
    }

    private static void pass(MessageWriteDecoder decoder, List<Encoded> records) {
        for (Encoded record : records) {
            DecodeResult result = decoder.decode(record.key(), record.value());
            if (!result.isValid()) {
                throw new IllegalStateException("the workload's own record was refused: " + result.rejection());
            }
        }
    }

    private static List<Encoded> encoded(Workload workload) {
        List<Encoded> records = new ArrayList<>(workload.events());
        Instant sent = Instant.now();
        for (EventStream stream : workload.streams()) {
            while (stream.hasNext()) {
                OutgoingEvent event = stream.next(sent);
                records.add(new Encoded(event.key(), event.value()));
            }
        }
        return records;
    }
}
