package io.grizz.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.compose.testkit.TestStack;
import io.grizz.compose.testkit.TestStacks;
import io.grizz.contracts.schema.ColumnModel;
import io.grizz.contracts.schema.StorageSchema;
import io.grizz.contracts.schema.TableModel;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The storage model ({@link StorageSchema}) and the migrations agree: a fresh database migrated by Flyway has, for
 * each modelled table, exactly the model's columns, in its order, with its types and nullability. Both ways: a
 * column a migration adds but the model lacks fails, as does one the model declares but no migration creates.
 */
class StorageSchemaIT {

    private static final TestStack STACK = TestStacks.shared();
    private static String url;

    @BeforeAll
    static void schema() {
        url = STACK.createDatabase("storage_schema");
        Flyway.configure()
                .dataSource(url, STACK.username(), STACK.password())
                .load()
                .migrate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"conversations", "messages"})
    void theMigratedTableHasExactlyTheModelsColumns(String name) throws SQLException {
        TableModel table = name.equals("conversations") ? StorageSchema.CONVERSATIONS : StorageSchema.MESSAGES;
        List<String> modelled = table.columns().stream()
                .map(column -> describe(table.name(), column))
                .toList();
        assertThat(migrated(name)).as("information_schema.columns of " + name).containsExactlyElementsOf(modelled);
    }

    /** table.column data_type NULL|NOT NULL, as the model says it. */
    private static String describe(String table, ColumnModel column) {
        return table + "." + column.name() + " " + column.type().dataType()
                + (column.nullable() ? " NULL" : " NOT NULL");
    }

    /** The same line for each column the migrated table has, in the table's order. */
    private static List<String> migrated(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, STACK.username(), STACK.password());
                PreparedStatement select = connection.prepareStatement("""
                        SELECT table_name, column_name, data_type, is_nullable
                          FROM information_schema.columns
                         WHERE table_schema = 'public' AND table_name = ?
                         ORDER BY ordinal_position""")) {
            select.setString(1, table);
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1) + "." + rows.getString(2) + " " + rows.getString(3)
                            + (rows.getString(4).equals("YES") ? " NULL" : " NOT NULL"));
                }
            }
            return columns;
        }
    }
}
