package io.grizz.load.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.load.workload.EventMix;
import io.grizz.load.workload.GeneratedWorkload;
import io.grizz.load.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;

/** What the decode benchmark reports is the decoder's work on every record of the workload, pass after pass. */
class DecodeBenchmarkTest {

    @Test
    void decodesEveryRecordOfEachPassAndCountsWhatItCosts() {
        GeneratedWorkload workload =
                GeneratedWorkload.generate(new WorkloadSpec(2_000, 20, EventMix.DEFAULT, 10, 300, 5), "decode");

        DecodeBenchmark.Result result = DecodeBenchmark.run(workload, 1, 3);

        assertThat(result.records()).isEqualTo(2_000);
        assertThat(result.nanosPerRecord()).hasSize(3);
        assertThat(result.fastestNanosPerRecord()).isPositive();
        assertThat(result.fastestNanosPerRecord()).isLessThanOrEqualTo(result.medianNanosPerRecord());
        // a ~600-byte record cannot be decoded without allocating at least its strings
        assertThat(result.valueBytes()).isGreaterThan(300);
        assertThat(result.bytesPerRecord()).isGreaterThan(result.valueBytes());
    }
}
