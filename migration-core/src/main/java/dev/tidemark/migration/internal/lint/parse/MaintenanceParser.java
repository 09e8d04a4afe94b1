package dev.tidemark.migration.internal.lint.parse;

import java.util.List;
import java.util.Locale;

import dev.tidemark.migration.internal.sql.SqlToken;

/** Reads {@code VACUUM}, {@code CLUSTER} and {@code REINDEX}. Stateless. */
final class MaintenanceParser {

    private MaintenanceParser() {
    }

    static ParsedStatement maintenance(TokenCursor cursor) {
        String command = cursor.next().text().toUpperCase(Locale.ROOT);
        return switch (command) {
            case "VACUUM" -> vacuum(cursor);
            case "CLUSTER" -> cluster(cursor);
            default -> reindex(cursor);
        };
    }

    private static ParsedStatement vacuum(TokenCursor cursor) {
        boolean full = false;
        if (cursor.peekIs(SqlToken.Type.OPEN_PAREN)) {
            // VACUUM (FULL, ANALYZE) t and VACUUM (FULL true) t; FULL false is a plain VACUUM.
            for (List<SqlToken> option : TokenCursor.splitAtCommas(cursor.parenthesized())) {
                if (!option.isEmpty() && option.get(0).is("FULL")) {
                    full = option.size() == 1 || isTrue(option.get(1));
                }
            }
        }
        while (cursor.peekIs("FULL") || cursor.peekIs("FREEZE") || cursor.peekIs("VERBOSE") || cursor.peekIs("ANALYZE")
                || cursor.peekIs("ANALYSE")) {
            full |= cursor.next().is("FULL");
        }
        return new ParsedStatement.Maintenance("VACUUM", full, "TABLE", StatementParser.names(cursor));
    }

    private static ParsedStatement cluster(TokenCursor cursor) {
        cursor.parenthesized();
        cursor.accept("VERBOSE");
        List<Name> names = StatementParser.names(cursor);
        if (cursor.accept("ON")) {
            // The pre-8.3 form CLUSTER index ON table.
            names = StatementParser.names(cursor);
        }
        return new ParsedStatement.Maintenance("CLUSTER", true, "TABLE", names);
    }

    private static ParsedStatement reindex(TokenCursor cursor) {
        boolean concurrently = false;
        for (List<SqlToken> option : TokenCursor.splitAtCommas(cursor.parenthesized())) {
            if (!option.isEmpty() && option.get(0).is("CONCURRENTLY")) {
                concurrently = option.size() == 1 || isTrue(option.get(1));
            }
        }
        String target = cursor.atEnd() ? "TABLE" : cursor.next().text().toUpperCase(Locale.ROOT);
        concurrently |= cursor.accept("CONCURRENTLY");
        List<Name> names = StatementParser.names(cursor);
        return new ParsedStatement.Maintenance("REINDEX", !concurrently, target, names);
    }

    private static boolean isTrue(SqlToken value) {
        String text = value.text().toLowerCase(Locale.ROOT);
        return !(text.equals("false") || text.equals("off") || text.equals("0"));
    }

}
