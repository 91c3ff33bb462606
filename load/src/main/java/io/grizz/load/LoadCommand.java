package io.grizz.load;

import io.grizz.load.commands.AotCacheCommand;
import io.grizz.load.commands.BurstCommand;
import io.grizz.load.commands.CeilingCommand;
import io.grizz.load.commands.CompareCommand;
import io.grizz.load.commands.DecodeCommand;
import io.grizz.load.commands.DirectCommand;
import io.grizz.load.commands.DrainCommand;
import io.grizz.load.commands.ReplayCommand;
import io.grizz.load.commands.SteadyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar load/target/grizz-load.jar <command>}: the load harness. Exit codes: 0 passed, 1 the run found
 * lost, stale or mismatched messages (or could not publish), 2 bad usage, 3 the run could not be carried out.
 */
@Command(
        name = "grizz-load",
        mixinStandardHelpOptions = true,
        version = "grizz-load 0.1.0",
        description = "Load harness of grizz-persist: bursts of concurrent writers through Kafka and the worker into "
                + "PostgreSQL, measured against PostgreSQL's own ceiling. "
                + "By default it starts a local stack and a "
                + "worker of its own; with the docs/contract.md section 6 variables set it uses those servers "
                + "and worker instead.",
        subcommands = {
            BurstCommand.class,
            ReplayCommand.class,
            SteadyCommand.class,
            DrainCommand.class,
            DirectCommand.class,
            CeilingCommand.class,
            CompareCommand.class,
            AotCacheCommand.class,
            DecodeCommand.class
        })
public final class LoadCommand implements Runnable {

    static final int CANNOT_RUN = 3;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new LoadCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
                    if (exception instanceof IllegalArgumentException) {
                        commandLine.getErr().println("grizz-load: " + exception.getMessage());
                        return CommandLine.ExitCode.USAGE;
                    }
                    commandLine
                            .getErr()
                            .println("grizz-load " + commandLine.getCommandName() + " could not run: " + exception);
                    exception.printStackTrace(commandLine.getErr());
                    return CANNOT_RUN;
                });
    }

    /** Without a command: the list of commands. */
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
