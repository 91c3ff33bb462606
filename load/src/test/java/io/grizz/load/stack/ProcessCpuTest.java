package io.grizz.load.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void addsUserSystemAndReapedChildrenTicksEvenWhenTheNameHasSpaces() {
        String stat = "4242 (Web Content (x)) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 7 3 20 0 12 0 1234 0 0";
        assertThat(ProcessCpu.parseTicks(stat)).isEqualTo(250 + 50 + 7 + 3);
    }

    @Test
    void theMachineIsBusyInAllButIdleIowaitAndGuestTime() {
        assertThat(ProcessCpu.parseMachineTicks("cpu  661558 10 101143 469977 3121 5 6465 436 900 0"))
                .isEqualTo(661558 + 10 + 101143 + 5 + 6465 + 436);
        assertThat(ProcessCpu.machineSeconds()).isPositive();
    }

    @Test
    void thisJvmHasUsedSomeCpu() {
        double own = ProcessCpu.ownSeconds(ProcessHandle.current());
        assertThat(own).isPositive();
        assertThat(ProcessCpu.seconds(ProcessHandle.current()))
                .as("with its descendants")
                .isGreaterThanOrEqualTo(own);
    }
}
