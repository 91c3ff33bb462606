package io.grizz.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = LoadCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void listsEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("burst", "replay", "steady", "drain", "direct", "ceiling", "compare", "aot-cache", "decode");
    }

    @Test
    void eachCommandDocumentsItsOptions() {
        assertThat(run("burst", "--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "--writers",
                        "--events",
                        "--mix",
                        "--record",
                        "--stack",
                        "--report-dir",
                        "default: 200",
                        "default: 10000");
    }

    @Test
    void theDrainDocumentsHowToReproduceAnotherStack() {
        assertThat(run("drain", "--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "--postgres-bin=DIR",
                        "--compression=TYPE",
                        "lz4, zstd (default: none)",
                        "--order=ORDER",
                        "round-robin:",
                        "--pool-mode=MODE",
                        "TRANSACTION, either case",
                        "--postgres-setting");
    }

    @Test
    void anUnknownPoolModeIsBadUsageAndTheModesTakeEitherCase() {
        assertThat(run("drain", "--pool-mode", "statement")).isEqualTo(2);
        assertThat(err.toString()).contains("SESSION, TRANSACTION");
        assertThat(run("drain", "--pool-mode", "transaction", "--help")).isZero();
    }

    @Test
    void anUnknownOrderOrCompressionIsBadUsage() {
        assertThat(run("drain", "--order", "random")).isEqualTo(2);
        assertThat(err.toString()).contains("shuffled, round-robin");
        assertThat(run("drain", "--compression", "brotli")).isEqualTo(2);
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(run("burst", "--mix", "50,10,10")).isEqualTo(2);
        assertThat(err.toString()).contains("add up to 100");
        assertThat(run("steady", "--duration", "soon")).isEqualTo(2);
    }

    @Test
    void commandsThatStartTheWorkerRefuseExternalServers() {
        assertThat(run("drain", "--stack", "external")).isEqualTo(2);
        assertThat(err.toString()).contains("local stack only");
        assertThat(run("compare", "--stack", "external")).isEqualTo(2);
    }
}
