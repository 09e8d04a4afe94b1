package dev.tidemark.migration.internal.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.tidemark.migration.internal.sql.SqlScriptSplitter;
import dev.tidemark.migration.internal.sql.SqlStatement;
import dev.tidemark.migration.internal.sql.SqlSyntaxException;
import dev.tidemark.migration.internal.sql.SqlToken;
import dev.tidemark.migration.internal.sql.SqlTokens;

/**
 * The SQL statements inside a {@code DO} block or a function body: the body is split like a script, and from each
 * piece the PL/pgSQL around the statement is stripped ({@code DECLARE ... BEGIN}, {@code IF ... THEN},
 * {@code ELSE}, {@code FOR ... LOOP}, {@code EXCEPTION WHEN ... THEN}, labels), so that
 * {@code IF NOT EXISTS (...) THEN ALTER TABLE t ...} yields the {@code ALTER TABLE}. {@code EXECUTE 'constant'}
 * yields the constant; dynamic SQL built at run time, assignments and PL/pgSQL statements ({@code RAISE},
 * {@code PERFORM}, ...) yield nothing. Lines are counted in the script that holds the body. Stateless.
 */
final class BodyStatements {

    private static final Set<String> PREFIX_WORDS = Set.of("BEGIN", "ELSE", "LOOP", "CASE");

    private static final Set<String> CONDITION_WORDS = Set.of("IF", "ELSIF", "ELSEIF", "WHEN", "EXCEPTION");

    private static final Set<String> LOOP_WORDS = Set.of("FOR", "WHILE", "FOREACH");

    private static final Set<String> PROCEDURAL = Set.of("END", "RAISE", "PERFORM", "RETURN", "NULL", "EXIT", "CONTINUE",
            "GET", "OPEN", "CLOSE", "ASSERT", "DECLARE", "COMMIT", "ROLLBACK");

    private BodyStatements() {
    }

    /**
     * The statements of a body.
     * @param body the body's text
     * @param bodyLine the line of the script on which the body starts
     */
    static List<SqlStatement> of(String body, int bodyLine) {
        List<SqlStatement> pieces;
        try {
            pieces = SqlScriptSplitter.split(body);
        }
        catch (SqlSyntaxException ex) {
            return List.of();
        }
        List<SqlStatement> statements = new ArrayList<>();
        for (SqlStatement piece : pieces) {
            List<SqlToken> tokens = SqlTokens.of(piece.sql(), 1);
            int start = statementStart(tokens);
            if (start < 0) {
                continue;
            }
            SqlToken first = tokens.get(start);
            int line = bodyLine + piece.line() - 1 + first.line() - 1;
            if (first.is("EXECUTE")) {
                if (tokens.size() == start + 2 && isConstant(tokens.get(start + 1))) {
                    SqlToken constant = tokens.get(start + 1);
                    statements.add(new SqlStatement(constant.stringValue(), bodyLine + piece.line() - 1 + constant.line() - 1));
                }
                continue;
            }
            statements.add(new SqlStatement(piece.sql().substring(first.start()), line));
        }
        return statements;
    }

    /** The index of the piece's first SQL token after the PL/pgSQL around it, or -1 when it holds no SQL statement. */
    private static int statementStart(List<SqlToken> tokens) {
        int i = 0;
        while (i < tokens.size()) {
            SqlToken token = tokens.get(i);
            String word = (token.type() == SqlToken.Type.WORD) ? token.text().toUpperCase(java.util.Locale.ROOT) : "";
            if (token.type() == SqlToken.Type.OPERATOR && token.text().startsWith("<<")) {
                i = after(tokens, i, ">>", true);
            }
            else if (word.equals("DECLARE")) {
                i = afterWord(tokens, i, "BEGIN");
            }
            else if (PREFIX_WORDS.contains(word)) {
                i++;
            }
            else if (CONDITION_WORDS.contains(word)) {
                i = afterWord(tokens, i, "THEN");
            }
            else if (LOOP_WORDS.contains(word)) {
                i = afterWord(tokens, i, "LOOP");
            }
            else {
                break;
            }
            if (i < 0) {
                return -1;
            }
        }
        if (i >= tokens.size()) {
            return -1;
        }
        SqlToken first = tokens.get(i);
        boolean assignment = i + 1 < tokens.size() && tokens.get(i + 1).text().equals(":=");
        if (assignment || first.type() != SqlToken.Type.WORD
                || PROCEDURAL.contains(first.text().toUpperCase(java.util.Locale.ROOT))) {
            return -1;
        }
        return i;
    }

    private static int afterWord(List<SqlToken> tokens, int from, String word) {
        int depth = 0;
        for (int i = from + 1; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.type() == SqlToken.Type.OPEN_PAREN) {
                depth++;
            }
            else if (token.type() == SqlToken.Type.CLOSE_PAREN) {
                depth--;
            }
            else if (depth == 0 && token.is(word)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int after(List<SqlToken> tokens, int from, String text, boolean inclusive) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).text().endsWith(text)) {
                return inclusive ? i + 1 : i;
            }
        }
        return -1;
    }

    private static boolean isConstant(SqlToken token) {
        return token.type() == SqlToken.Type.STRING || token.type() == SqlToken.Type.DOLLAR_STRING;
    }

}
