package io.grizz.load.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class CpuSamplerTest {

    private long nowMicros = 1_000_000;
    private double workerSeconds;
    private double postgresSeconds;
    private double machineSeconds = 100;

    @Test
    void averagesCoresOverAWindowInterpolatingBetweenSamples() {
        Map<String, DoubleSupplier> sources = new LinkedHashMap<>();
        sources.put("worker", () -> workerSeconds);
        sources.put("PostgreSQL", () -> postgresSeconds);
        try (CpuSampler cpu = CpuSampler.start(sources, () -> machineSeconds, () -> nowMicros, 3_600_000)) {
            second(cpu, 1.0, 0.5);
            second(cpu, 2.0, 1.0);
            second(cpu, 2.0, 1.5);

            Map<String, Double> cores = cpu.coresBetween(1_500_000, 3_500_000);
            assertThat(cores.get("worker")).isCloseTo(0.75, within(1e-9));
            assertThat(cores.get("PostgreSQL")).isCloseTo(0.5, within(1e-9));

            List<Series> series = cpu.coresOverTime(1_000_000);
            assertThat(series).extracting(Series::name).containsExactly("worker", "PostgreSQL", CpuSampler.OTHERS);
            assertThat(series.get(0).points()).extracting(p -> p[0]).containsExactly(1.0, 2.0, 3.0);
            assertThat(series.get(0).points()).extracting(p -> p[1]).containsExactly(1.0, 1.0, 0.0);
            assertThat(series.get(1).points()).extracting(p -> p[1]).containsExactly(0.5, 0.5, 0.5);
            assertThat(series.get(2).points())
                    .as("the machine was busy 2 cores, the rest were others")
                    .extracting(p -> p[1])
                    .containsExactly(0.5, 0.5, 1.5);
        }
    }

    /** One second later, the processes' cumulative CPU seconds are these. */
    private void second(CpuSampler cpu, double worker, double postgres) {
        nowMicros += 1_000_000;
        machineSeconds += 2;
        workerSeconds = worker;
        postgresSeconds = postgres;
        cpu.sample();
    }
}
