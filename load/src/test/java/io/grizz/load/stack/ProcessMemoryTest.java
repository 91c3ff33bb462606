package io.grizz.load.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void readsTheHighWaterMarkInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t  400000 kB\n";
        assertThat(ProcessMemory.parseKilobytes(status, "VmHWM:")).isEqualTo(OptionalLong.of(512L * 1024 * 1024));
        assertThat(ProcessMemory.parseKilobytes(status, "VmSwap:")).isEmpty();
    }

    @Test
    void thisProcessHasAPeak() {
        assertThat(ProcessMemory.peakRssBytes(ProcessHandle.current().pid()).orElseThrow())
                .isGreaterThan(1024 * 1024);
        assertThat(ProcessMemory.peakRssBytes(Long.MAX_VALUE)).isEmpty();
    }
}
