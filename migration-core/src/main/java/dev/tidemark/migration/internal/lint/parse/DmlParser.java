package dev.tidemark.migration.internal.lint.parse;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.internal.sql.SqlToken;

/**
 * Reads data statements: {@code UPDATE} and {@code DELETE} with their table and {@code WHERE} condition, and
 * {@code INSERT}, {@code MERGE}, {@code SELECT}, {@code COPY}, each optionally after a {@code WITH} clause.
 * Stateless.
 */
final class DmlParser {

    private static final Set<String> VERBS = Set.of("UPDATE", "DELETE", "INSERT", "MERGE", "SELECT", "COPY", "VALUES",
            "TABLE");

    private static final Set<String> WHERE_END = Set.of("RETURNING");

    private DmlParser() {
    }

    static @Nullable ParsedStatement dml(TokenCursor cursor, List<SqlToken> tokens) {
        if (cursor.accept("WITH")) {
            cursor.accept("RECURSIVE");
            skipCommonTableExpressions(cursor);
        }
        SqlToken verb = cursor.peek();
        if (verb == null || !VERBS.contains(verb.text().toUpperCase(Locale.ROOT)) || verb.type() != SqlToken.Type.WORD) {
            return null;
        }
        cursor.next();
        String command = verb.text().toUpperCase(Locale.ROOT);
        if (command.equals("UPDATE")) {
            return changed(command, cursor, tokens);
        }
        if (command.equals("DELETE")) {
            cursor.accept("FROM");
            return changed(command, cursor, tokens);
        }
        if (command.equals("INSERT") || command.equals("MERGE")) {
            cursor.accept("INTO");
            return new ParsedStatement.Dml(command, cursor.name(), null, tokens);
        }
        if (command.equals("COPY")) {
            return new ParsedStatement.Dml(command, cursor.name(), null, tokens);
        }
        return new ParsedStatement.Dml("SELECT", null, null, tokens);
    }

    private static ParsedStatement changed(String command, TokenCursor cursor, List<SqlToken> tokens) {
        cursor.accept("ONLY");
        Name table = cursor.name();
        Expr where = null;
        while (!cursor.atEnd()) {
            if (cursor.peekIs(SqlToken.Type.OPEN_PAREN)) {
                cursor.parenthesized();
            }
            else if (cursor.accept("WHERE")) {
                where = new Expr(cursor.until(WHERE_END, false));
            }
            else {
                cursor.next();
            }
        }
        return new ParsedStatement.Dml(command, table, where, tokens);
    }

    /** Skips {@code name [(columns)] AS [NOT] [MATERIALIZED] (query) [, ...]}. */
    private static void skipCommonTableExpressions(TokenCursor cursor) {
        do {
            cursor.identifier();
            cursor.parenthesized();
            cursor.accept("AS");
            cursor.accept("NOT");
            cursor.accept("MATERIALIZED");
            cursor.parenthesized();
        }
        while (cursor.accept(SqlToken.Type.COMMA));
    }

}
