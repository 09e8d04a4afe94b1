package dev.tidemark.migration.internal.lint.schema;

import java.util.ArrayList;
import java.util.List;

import dev.tidemark.migration.internal.sql.SqlToken;
import dev.tidemark.migration.internal.sql.SqlTokens;

/**
 * Whether a CHECK condition proves that a column is never NULL, the way PostgreSQL decides whether
 * {@code SET NOT NULL} may skip its scan: the condition is {@code col IS NOT NULL}, or an AND of conditions one of
 * which is. Parentheses do not matter, so the catalog's {@code CHECK ((a IS NOT NULL) AND (b > 0))} proves
 * {@code a} as well as the written {@code CHECK (a IS NOT NULL AND b > 0)}. Stateless.
 */
public final class NotNullProof {

    private NotNullProof() {
    }

    /** Whether {@code check} (the condition, with or without its parentheses) proves {@code column IS NOT NULL}. */
    public static boolean proves(String check, String column) {
        for (List<SqlToken> conjunct : conjuncts(stripParentheses(SqlTokens.of(check, 1)))) {
            List<SqlToken> test = stripParentheses(conjunct);
            if (test.size() == 4 && test.get(0).isName() && test.get(0).identifier().equals(column)
                    && test.get(1).is("IS") && test.get(2).is("NOT") && test.get(3).is("NULL")) {
                return true;
            }
        }
        return false;
    }

    private static List<List<SqlToken>> conjuncts(List<SqlToken> tokens) {
        List<List<SqlToken>> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.type() == SqlToken.Type.OPEN_PAREN) {
                depth++;
            }
            else if (token.type() == SqlToken.Type.CLOSE_PAREN) {
                depth--;
            }
            else if (depth == 0 && token.is("OR")) {
                // A disjunction proves nothing about either side.
                return List.of();
            }
            else if (depth == 0 && token.is("AND")) {
                parts.add(tokens.subList(start, i));
                start = i + 1;
            }
        }
        parts.add(tokens.subList(start, tokens.size()));
        // (a AND b) nested inside parentheses is still a conjunction.
        List<List<SqlToken>> flat = new ArrayList<>();
        for (List<SqlToken> part : parts) {
            List<SqlToken> inner = stripParentheses(part);
            if (inner.size() < part.size() && inner.stream().anyMatch((token) -> token.is("AND"))) {
                flat.addAll(conjuncts(inner));
            }
            else {
                flat.add(part);
            }
        }
        return flat;
    }

    /** Removes parentheses that enclose the whole token list, as often as they do. */
    static List<SqlToken> stripParentheses(List<SqlToken> tokens) {
        List<SqlToken> current = tokens;
        while (current.size() >= 2 && current.get(0).type() == SqlToken.Type.OPEN_PAREN
                && closingIndex(current) == current.size() - 1) {
            current = current.subList(1, current.size() - 1);
        }
        return current;
    }

    private static int closingIndex(List<SqlToken> tokens) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).type() == SqlToken.Type.OPEN_PAREN) {
                depth++;
            }
            else if (tokens.get(i).type() == SqlToken.Type.CLOSE_PAREN && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

}
