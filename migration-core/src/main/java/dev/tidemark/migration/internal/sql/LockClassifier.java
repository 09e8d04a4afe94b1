package dev.tidemark.migration.internal.sql;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tidemark.migration.LockLevel;

/**
 * Tells which table lock a statement takes, from the leading keywords of its masked text (comments gone,
 * string constants, dollar-quoted bodies and quoted identifiers blanked), so that nothing inside a
 * literal can look like a keyword: {@code ALTER TABLE t ALTER c SET DEFAULT ' VALIDATE CONSTRAINT '} is
 * the ACCESS EXCLUSIVE it is. A heuristic on the documented lock of each command, not a parser: what it
 * does not recognize is {@link LockLevel#OTHER}, which gets the strict policy. Also recognizes
 * {@code CREATE INDEX CONCURRENTLY}, whose failures leave an INVALID index to repair. Stateless and
 * thread-safe.
 */
public final class LockClassifier {

    private static final String IDENTIFIER = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_\\x{80}-\\x{10FFFF}][\\w$\\x{80}-\\x{10FFFF}]*)";

    private static final Pattern INDEX_BUILD = Pattern.compile("(?is)^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+"
            + "CONCURRENTLY\\s+(IF\\s+NOT\\s+EXISTS\\s+)?(?:(?!ON\\s)(" + IDENTIFIER + ")\\s+)?ON\\s+(?:ONLY\\s+)?("
            + IDENTIFIER + "(?:\\s*\\.\\s*" + IDENTIFIER + ")?)");

    private static final Pattern LOCK_MODE = Pattern.compile("(?s).*\\bIN\\s+([A-Z ]+?)\\s+MODE\\b.*");

    private LockClassifier() {
    }

    /** The strongest table lock the statement takes, as documented for each command. */
    public static LockLevel levelOf(SqlStatement statement) {
        String sql = statement.masked().toUpperCase(Locale.ROOT);
        if (sql.matches("^CREATE (UNIQUE )?INDEX CONCURRENTLY\\b.*") || sql.matches("^DROP INDEX CONCURRENTLY\\b.*")
                || sql.matches("^REINDEX\\b.*\\bCONCURRENTLY\\b.*")) {
            // Builds and drops without blocking writes; waits for older transactions instead.
            return LockLevel.SHARE_UPDATE_EXCLUSIVE;
        }
        if (sql.matches("^CREATE (UNIQUE )?INDEX\\b.*")) {
            // Plain CREATE INDEX takes SHARE: reads go on, every write waits for the whole build.
            return LockLevel.SHARE;
        }
        if (sql.startsWith("ALTER TABLE ")) {
            return alterTable(sql);
        }
        if (sql.startsWith("ALTER INDEX ")) {
            // RENAME takes SHARE UPDATE EXCLUSIVE since PostgreSQL 12; SET TABLESPACE and friends ACCESS EXCLUSIVE.
            return sql.matches(".* RENAME TO .*") ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE;
        }
        if (sql.startsWith("VACUUM FULL") || sql.startsWith("CLUSTER") || sql.startsWith("TRUNCATE")
                || sql.matches("^DROP (TABLE|INDEX|VIEW|MATERIALIZED VIEW|SEQUENCE|TRIGGER|RULE|POLICY)\\b.*")
                || sql.startsWith("REINDEX") || (sql.startsWith("REFRESH MATERIALIZED VIEW ")
                        && !sql.startsWith("REFRESH MATERIALIZED VIEW CONCURRENTLY"))) {
            // These rewrite or remove the relation: ACCESS EXCLUSIVE, even SELECT waits.
            return LockLevel.ACCESS_EXCLUSIVE;
        }
        if (sql.startsWith("REFRESH MATERIALIZED VIEW CONCURRENTLY")) {
            return LockLevel.EXCLUSIVE;
        }
        if (sql.startsWith("VACUUM") || sql.startsWith("ANALYZE") || sql.startsWith("COMMENT ON ")) {
            return LockLevel.SHARE_UPDATE_EXCLUSIVE;
        }
        if (sql.matches("^CREATE (OR REPLACE )?(CONSTRAINT )?TRIGGER\\b.*")) {
            return LockLevel.SHARE_ROW_EXCLUSIVE;
        }
        if (sql.startsWith("CREATE TABLE ") || sql.startsWith("CREATE UNLOGGED TABLE ")) {
            if (sql.contains(" PARTITION OF ")) {
                return LockLevel.ACCESS_EXCLUSIVE;
            }
            // A new table locks only itself, except that a foreign key takes SHARE ROW EXCLUSIVE on the referenced table.
            return sql.contains(" REFERENCES ") ? LockLevel.SHARE_ROW_EXCLUSIVE : LockLevel.NONE;
        }
        if (sql.startsWith("LOCK ")) {
            return lockTable(sql);
        }
        if (sql.matches("^(INSERT|UPDATE|DELETE|MERGE|COPY)\\b.*")
                || sql.matches("^WITH\\b.*\\b(INSERT|UPDATE|DELETE)\\b.*")) {
            return LockLevel.ROW_EXCLUSIVE;
        }
        if (sql.matches("^(SELECT|VALUES|TABLE)\\b.*")) {
            return LockLevel.ACCESS_SHARE;
        }
        if (sql.matches("^(SET|RESET|SHOW|CREATE (OR REPLACE )?(FUNCTION|PROCEDURE|SCHEMA|SEQUENCE|TYPE|DOMAIN|EXTENSION|ROLE|"
                + "COLLATION))\\b.*")) {
            return LockLevel.NONE;
        }
        return LockLevel.OTHER;
    }

    private static LockLevel alterTable(String sql) {
        // Several actions (separated by commas outside parentheses) take the strongest lock of any of them.
        boolean single = !hasTopLevelComma(sql);
        if (single && sql.matches(".* VALIDATE CONSTRAINT .*")) {
            // "validation acquires only a SHARE UPDATE EXCLUSIVE lock on the table being altered": writes continue.
            return LockLevel.SHARE_UPDATE_EXCLUSIVE;
        }
        // Not ATTACH PARTITION: SHARE UPDATE EXCLUSIVE on the parent, but ACCESS EXCLUSIVE on the table being
        // attached and on the default partition, whose readers would queue behind it.
        if (single && (sql.matches(".* DETACH PARTITION .* CONCURRENTLY$")
                || sql.matches(".* SET STATISTICS .*") || sql.matches(".* (SET WITHOUT CLUSTER|CLUSTER ON) .*")
                || sql.matches(".* SET \\((FILLFACTOR|AUTOVACUUM_|TOAST\\.).*"))) {
            return LockLevel.SHARE_UPDATE_EXCLUSIVE;
        }
        if (single && (sql.matches(".* ADD (CONSTRAINT \\S+ )?FOREIGN KEY .*")
                || sql.matches(".* (ENABLE|DISABLE) (ALWAYS |REPLICA )?TRIGGER .*"))) {
            // Blocks writes on the table (and, for a foreign key, the referenced table) but not reads.
            return LockLevel.SHARE_ROW_EXCLUSIVE;
        }
        // ADD COLUMN, DROP COLUMN, ALTER TYPE, SET NOT NULL, RENAME, ADD CONSTRAINT ... ACCESS EXCLUSIVE.
        return LockLevel.ACCESS_EXCLUSIVE;
    }

    private static boolean hasTopLevelComma(String masked) {
        int depth = 0;
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (c == '(') {
                depth++;
            }
            else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
            else if (c == ',' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    private static LockLevel lockTable(String sql) {
        Matcher matcher = LOCK_MODE.matcher(sql);
        if (!matcher.matches()) {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
        return switch (matcher.group(1).trim()) {
            case "ACCESS SHARE" -> LockLevel.ACCESS_SHARE;
            case "ROW SHARE", "ROW EXCLUSIVE" -> LockLevel.ROW_EXCLUSIVE;
            case "SHARE UPDATE EXCLUSIVE" -> LockLevel.SHARE_UPDATE_EXCLUSIVE;
            case "SHARE" -> LockLevel.SHARE;
            case "SHARE ROW EXCLUSIVE" -> LockLevel.SHARE_ROW_EXCLUSIVE;
            case "EXCLUSIVE" -> LockLevel.EXCLUSIVE;
            default -> LockLevel.ACCESS_EXCLUSIVE;
        };
    }

    /**
     * The index a {@code CREATE [UNIQUE] INDEX CONCURRENTLY} statement builds, named or not.
     * @return the index and its table as written, identifiers unquoted or folded to lower case; empty for
     *         any other statement
     */
    public static Optional<IndexBuild> indexBuildOf(SqlStatement statement) {
        if (!statement.masked().toUpperCase(Locale.ROOT).matches("^CREATE (UNIQUE )?INDEX CONCURRENTLY\\b.*")) {
            return Optional.empty();
        }
        // The names are read from the unmasked text: only the masked text proved that this is an index build.
        Matcher matcher = INDEX_BUILD.matcher(statement.normalized());
        if (!matcher.find()) {
            return Optional.empty();
        }
        String table = matcher.group(3);
        String schema = null;
        int dot = qualifierDot(table);
        if (dot >= 0) {
            schema = identifier(table.substring(0, dot).trim());
            table = table.substring(dot + 1).trim();
        }
        String name = (matcher.group(2) != null) ? identifier(matcher.group(2)) : null;
        return Optional.of(new IndexBuild(name, schema, identifier(table), matcher.group(1) != null));
    }

    private static int qualifierDot(String name) {
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            else if (c == '.' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String identifier(String written) {
        if (written.startsWith("\"")) {
            return written.substring(1, written.length() - 1).replace("\"\"", "\"");
        }
        return written.toLowerCase(Locale.ROOT);
    }

}
