package io.grizz.worker.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables a section of a Markdown document lists in its tables of {@code | variable | default |
 * meaning |} rows, as docs/contract.md §6 and the README's "Configuration at a glance" do: each variable with its
 * default as written, so tests can hold the documents to what the worker reads.
 */
public final class DocumentedVariables {

    public static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    public static final Path CONTRACT = REPOSITORY.resolve("docs/contract.md");
    public static final String CONTRACT_SECTION = "## 6. Configuration";

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private DocumentedVariables() {}

    /** docs/contract.md §6: variable → its documented default. */
    public static Map<String, Default> ofContract() {
        return of(CONTRACT, CONTRACT_SECTION);
    }

    /** Variable → default, of every table row under {@code heading}, up to the next heading of its level. */
    public static Map<String, Default> of(Path markdown, String heading) {
        Map<String, Default> variables = new LinkedHashMap<>();
        for (String row : rows(markdown, heading)) {
            String[] cells = row.split("\\|");
            if (cells.length < 3) {
                continue;
            }
            Default documented = Default.parse(cells[2].strip());
            for (String variable : codes(cells[1])) {
                if (VARIABLE.matcher(variable).matches() && variables.put(variable, documented) != null) {
                    throw new IllegalStateException(markdown + ": " + variable + " is listed twice");
                }
            }
        }
        if (variables.isEmpty()) {
            throw new IllegalStateException(markdown + ": no table of variables under '" + heading + "'");
        }
        return variables;
    }

    private static List<String> rows(Path markdown, String heading) {
        List<String> lines;
        try {
            lines = Files.readAllLines(markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new IllegalStateException(markdown + " has no heading '" + heading + "'");
        }
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith(level)) {
                break;
            }
            // a row of a table, not its header or its |---| line
            if (line.startsWith("| `")) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            codes.add(code.group(1));
        }
        return codes;
    }

    /**
     * A documented default: {@code —} (none: unset, or empty), another variable's value ({@code DATABASE_URL}), or a
     * value, the first code span of the cell ({@code `2097152` (2 MiB)}).
     */
    public record Default(Optional<String> value, boolean namesAVariable) {

        static Default parse(String cell) {
            if (!cell.startsWith("`")) {
                return new Default(Optional.empty(), false);
            }
            String value = codes(cell).get(0);
            return new Default(Optional.of(value), VARIABLE.matcher(value).matches() && value.contains("_"));
        }

        /** A value the worker takes when the variable is unset, as opposed to none or another variable's. */
        public boolean isLiteral() {
            return value.isPresent() && !namesAVariable;
        }
    }
}
