package io.grizz.worker.migrate;

import io.grizz.worker.config.DatabaseConnectionSettings;
import io.grizz.worker.config.GrizzProperties;
import io.grizz.worker.config.PoolerMode;
import io.grizz.worker.config.SettingVariables;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar grizz-worker.jar migrate}: brings the database schema to this build's version
 * (the migrations in contracts' {@code db/migration}, as the ingest role runs them at start-up),
 * then exits. For deployments whose read API starts first or alone: its database user may only
 * SELECT, so it waits, not ready, until this (or an ingest instance) has run.
 *
 * <p>Without Spring, like {@code redrive}: it needs only the database, and must not start a
 * consumer or a web server on the way. It reads the worker's settings by the variables {@code application.yml}
 * maps them from ({@link SettingVariables}), straight from the environment.
 */
@Command(
        name = "migrate",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Applies the pending schema migrations to DATABASE_URL and exits. Needs a user with DDL rights "
                + "(see docs/security.md); through PgBouncer use session mode, or PostgreSQL directly.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:schema at this build's version", "1:migration failed", "2:invalid arguments"})
public final class MigrateCommand implements Callable<Integer> {

    /** Spring Boot's property the worker's password is set by; its variable is the one application.yml maps. */
    private static final String DATASOURCE_PASSWORD = "spring.datasource.password";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--url",
            paramLabel = "JDBC_URL",
            defaultValue = "${env:DATABASE_URL}",
            description = "database to migrate (default: $DATABASE_URL)")
    private String url;

    @Option(
            names = "--username",
            paramLabel = "USER",
            defaultValue = "${env:DATABASE_USERNAME}",
            description = "(default: $DATABASE_USERNAME)")
    private String username;

    /** From the environment only: a password on a command line is visible to every user of the host. */
    private final String password = SettingVariables.getenv(DATASOURCE_PASSWORD);

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    private boolean help;

    @Override
    public Integer call() {
        if (url == null || url.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--url (or DATABASE_URL) is required");
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            Flyway flyway = Flyway.configure(MigrateCommand.class.getClassLoader())
                    .dataSource(url, username, password)
                    .locations("classpath:db/migration")
                    .jdbcProperties(DatabaseConnectionSettings.poolerProperties(poolerMode()))
                    .load();
            MigrateResult result = flyway.migrate();
            out.println(result.migrationsExecuted + " migration(s) applied; schema version "
                    + flyway.info().current().getVersion());
            out.flush();
            return CommandLine.ExitCode.OK;
        } catch (FlywayException e) {
            spec.commandLine().getErr().println("migrate failed: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /** The worker's {@code grizz.pooler-mode}, by its variable; the default when that is not set. */
    private static PoolerMode poolerMode() {
        return PoolerMode.of(
                Objects.requireNonNullElse(SettingVariables.getenv(GrizzProperties.POOLER_MODE), PoolerMode.DEFAULT));
    }
}
