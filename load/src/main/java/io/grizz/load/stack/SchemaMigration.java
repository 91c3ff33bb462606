package io.grizz.load.stack;

import org.flywaydb.core.Flyway;

/**
 * Gives a fresh database the worker's tables (the migrations in {@code contracts}, run by Flyway as the worker runs
 * them), so that {@code ceiling} and {@code direct} write into the very shape the worker writes into, without a
 * worker. Only ever applied to databases the harness created itself.
 */
public final class SchemaMigration {

    private SchemaMigration() {}

    public static void apply(Database database) {
        Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
