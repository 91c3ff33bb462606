package io.grizz.worker;

import io.grizz.worker.config.DatabaseConnectionSettings;
import io.grizz.worker.config.GrizzProperties;
import io.grizz.worker.migrate.MigrateCommand;
import io.grizz.worker.redrive.RedriveCommand;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import picocli.CommandLine;
import sun.misc.Signal;

/**
 * grizz-persist's worker: the ingest role and the read-api role, chosen by {@code GRIZZ_ROLES};
 * {@code redrive ...} as first argument runs the dead-letter redrive instead, {@code migrate} the schema
 * migrations; both without Spring.
 */
@SpringBootApplication
@EnableConfigurationProperties(GrizzProperties.class)
public class GrizzWorkerApplication {

    /** The commands that run instead of the worker, without Spring: {@code java -jar grizz-worker.jar NAME ARGS}. */
    private static final Map<String, Supplier<Object>> COMMANDS =
            Map.of("redrive", RedriveCommand::new, "migrate", MigrateCommand::new);

    private static final String COMMAND_LOGGING = "io/grizz/worker/standalone-logback.xml";

    public static void main(String[] args) {
        if (args.length > 0 && COMMANDS.containsKey(args[0])) {
            if (System.getProperty("logback.configurationFile") == null) {
                System.setProperty("logback.configurationFile", COMMAND_LOGGING);
            }
            Object command = COMMANDS.get(args[0]).get();
            System.exit(new CommandLine(command).execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        AtomicReference<ConfigurableApplicationContext> context = new AtomicReference<>();
        exitCleanlyOnSigterm(context);
        context.set(SpringApplication.run(GrizzWorkerApplication.class, args));
    }

    /**
     * A JVM ended by SIGTERM exits with 143 even when its shutdown was orderly, and orchestrators
     * read that as a failure. SIGTERM here closes the context — the consumer stops, the in-flight
     * batch finishes or is abandoned uncommitted, the pool closes — and then exits 0 (docs/contract.md §7),
     * within {@link ShutdownWatchdog#BOUND} whatever hangs. A SIGTERM during start-up exits 0 too:
     * Spring's shutdown hook closes the context once it is built.
     */
    private static void exitCleanlyOnSigterm(AtomicReference<ConfigurableApplicationContext> context) {
        Signal.handle(new Signal("TERM"), signal -> {
            ShutdownWatchdog.start(ShutdownWatchdog.BOUND);
            Thread closer = new Thread(
                    () -> {
                        ConfigurableApplicationContext running = context.get();
                        System.exit(running == null ? 0 : SpringApplication.exit(running));
                    },
                    "grizz-sigterm");
            closer.start();
        });
    }

    /** Static: a post-processor of the DataSource must exist before it, so it reads the setting directly. */
    @Bean
    static DatabaseConnectionSettings databaseConnectionSettings(Environment environment) {
        return new DatabaseConnectionSettings(GrizzProperties.bind(environment).poolerMode());
    }
}
