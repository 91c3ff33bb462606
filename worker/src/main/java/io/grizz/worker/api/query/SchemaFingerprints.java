package io.grizz.worker.api.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Which schema version a database holds, told from what the catalog shows. The read API's
 * database user may SELECT on {@code conversations} and {@code messages} and nothing else
 * (docs/security.md) — not on {@code flyway_schema_history} — but {@code pg_catalog} is readable
 * by every user, so each migration is recognised by an object it leaves behind.
 *
 * <p>A new migration needs a line here; {@code SchemaFingerprintsTest} fails until it has one.
 */
final class SchemaFingerprints {

    /** Version → a boolean SQL expression, true once that migration has run (and is not undone by a later one). */
    static final Map<Integer, String> BY_VERSION = Map.of(
            1, "to_regclass('conversations') IS NOT NULL AND to_regclass('messages') IS NOT NULL",
            2, "to_regclass('messages_live_by_conversation') IS NOT NULL",
            // V3 may find its index built beforehand (IF NOT EXISTS): it has run once V2's index is gone
            3,
                    "to_regclass('messages_of_conversation') IS NOT NULL"
                            + " AND to_regclass('messages_live_by_conversation') IS NULL");

    private static final String MIGRATIONS = "classpath*:db/migration/V*__*.sql";
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    private SchemaFingerprints() {}

    /** The highest migration this build carries (contracts' {@code db/migration}): the version it reads. */
    static int expectedVersion() {
        try {
            int highest = 0;
            for (Resource migration : new PathMatchingResourcePatternResolver().getResources(MIGRATIONS)) {
                Matcher name = VERSION.matcher(String.valueOf(migration.getFilename()));
                if (name.matches()) {
                    highest = Math.max(highest, Integer.parseInt(name.group(1)));
                }
            }
            if (highest == 0) {
                throw new IllegalStateException("no migrations found at " + MIGRATIONS);
            }
            return highest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + MIGRATIONS, e);
        }
    }

    /** One query answering every fingerprint, highest version first, one boolean column each. */
    static String query() {
        StringBuilder sql = new StringBuilder("SELECT ");
        new TreeMap<>(BY_VERSION)
                .descendingMap()
                .forEach((version, expression) -> sql.append('(')
                        .append(expression)
                        .append(") AS v")
                        .append(version)
                        .append(", "));
        return sql.substring(0, sql.length() - 2);
    }
}
