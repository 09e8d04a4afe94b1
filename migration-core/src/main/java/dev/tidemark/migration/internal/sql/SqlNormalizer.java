package dev.tidemark.migration.internal.sql;

import dev.tidemark.migration.internal.sql.SqlLexer.Kind;
import dev.tidemark.migration.internal.sql.SqlLexer.Token;

/**
 * Rewrites SQL text into a single-line form for comparison and classification: comments go, whitespace
 * between tokens becomes one space. Stateless and thread-safe.
 */
final class SqlNormalizer {

    private SqlNormalizer() {
    }

    /**
     * Normalizes SQL text. Text that does not lex cleanly (an unclosed literal) is tolerated: the
     * unclosed part is kept, or masked, as it is.
     * @param sql the text
     * @param maskLiterals whether to replace every string constant and dollar-quoted body by
     * {@code ''} and every quoted identifier by {@code ""}, so that their contents cannot look like
     * keywords to a pattern
     * @return the normalized text, trimmed
     */
    static String normalize(String sql, boolean maskLiterals) {
        StringBuilder result = new StringBuilder(sql.length());
        SqlLexer lexer = new SqlLexer(sql);
        boolean pendingSpace = false;
        while (lexer.hasNext()) {
            Token token = lexer.next();
            if (token.isTrivia()) {
                // A comment separates tokens exactly like whitespace does, so it becomes a space too.
                pendingSpace = result.length() > 0;
                continue;
            }
            if (pendingSpace) {
                result.append(' ');
                pendingSpace = false;
            }
            if (maskLiterals && isStringConstant(token.kind())) {
                result.append("''");
            }
            else if (maskLiterals && token.kind() == Kind.QUOTED_IDENTIFIER) {
                result.append("\"\"");
            }
            else {
                result.append(sql, token.start(), token.end());
            }
        }
        return result.toString();
    }

    private static boolean isStringConstant(Kind kind) {
        return kind == Kind.STRING || kind == Kind.ESCAPE_STRING || kind == Kind.DOLLAR_STRING;
    }

}
