package io.grizz.worker.api.query;

import io.grizz.contracts.schema.ColumnModel;
import io.grizz.contracts.schema.ColumnRole;
import io.grizz.contracts.schema.SqlType;
import io.grizz.contracts.schema.TableModel;
import java.util.List;
import java.util.function.Function;

/**
 * The read API's select lists, derived from the {@link ColumnRole#READ_BY_API} columns of the storage model, so a
 * column the API shows is added to the model and not to each query. The layout is the one the lists had when they
 * were spelled by hand, kept so that each statement's text, and so its {@code pg_stat_statements} entry, did not
 * change ({@code ReadSqlTextTest}): items separated by {@code ", "}, a line broken before an item that would take
 * it past {@link #WIDTH} characters, further lines aligned under the list's first item.
 */
final class SelectList {

    /** The longest line a list may make, counting the template's text before the list on its first line. */
    static final int WIDTH = 90;

    private SelectList() {}

    /** The API's columns of {@code table}, each as {@code expression} spells it. */
    static List<String> read(TableModel table, Function<ColumnModel, String> expression) {
        return table.columns(ColumnRole.READ_BY_API).stream().map(expression).toList();
    }

    /**
     * A {@code jsonb} column as text ({@code metadata::text AS metadata}): the API writes it into its JSON as it is
     * ({@link MessageView#metadata}), and text is what pgjdbc hands over without a {@code PGobject} around it.
     */
    static String asRead(ColumnModel column) {
        return column.type() == SqlType.JSONB ? column.name() + "::text AS " + column.name() : column.name();
    }

    /**
     * The items joined by {@code ", "}, wrapped at {@link #WIDTH}, further lines indented by {@code start}.
     *
     * @param start where the list starts on its first line: the length of the template's text before it
     */
    static String wrap(List<String> items, int start) {
        String indent = " ".repeat(start);
        StringBuilder list = new StringBuilder();
        int line = start;
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i) + (i < items.size() - 1 ? "," : "");
            if (i > 0 && line + 1 + item.length() > WIDTH) {
                list.append('\n').append(indent);
                line = indent.length();
            } else if (i > 0) {
                list.append(' ');
                line++;
            }
            list.append(item);
            line += item.length();
        }
        return list.toString();
    }
}
