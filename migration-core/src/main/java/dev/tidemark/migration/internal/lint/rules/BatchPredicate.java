package dev.tidemark.migration.internal.lint.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.internal.lint.parse.Expr;
import dev.tidemark.migration.internal.sql.SqlToken;

/**
 * Whether a {@code WHERE} condition limits an UPDATE or DELETE to one batch of a key: key equality or an IN list,
 * a key range closed on both sides ({@code BETWEEN}, or {@code >=}/{@code >} together with {@code <}/{@code <=}),
 * {@code key IN (SELECT ... LIMIT n)} or {@code key = ANY (ARRAY(SELECT ... LIMIT n))} (also through a common table
 * expression with a LIMIT). One such conjunct of an AND is enough; an OR needs it on every side. Stateless.
 */
final class BatchPredicate {

    private static final Set<String> LOWER = Set.of(">", ">=");

    private static final Set<String> UPPER = Set.of("<", "<=");

    private BatchPredicate() {
    }

    /**
     * Whether the condition limits the statement to one batch.
     * @param where the condition, or {@code null} for none
     * @param keys the table's key columns
     * @param statement all the statement's tokens, for its common table expressions
     */
    static boolean limits(@Nullable Expr where, Set<String> keys, List<SqlToken> statement) {
        return where != null && limits(where.tokens(), keys, statement);
    }

    private static boolean limits(List<SqlToken> condition, Set<String> keys, List<SqlToken> statement) {
        List<List<SqlToken>> disjuncts = split(condition, "OR");
        if (disjuncts.size() > 1) {
            return disjuncts.stream().allMatch((part) -> limits(strip(part), keys, statement));
        }
        Set<String> lower = new HashSet<>();
        Set<String> upper = new HashSet<>();
        for (List<SqlToken> conjunct : split(condition, "AND")) {
            List<SqlToken> part = strip(conjunct);
            if (part.size() > 1 && part.get(0).type() == SqlToken.Type.OPEN_PAREN && split(part, "AND").size() == 1
                    && limits(strip(part), keys, statement)) {
                return true;
            }
            int keyEnd = keyEnd(part, keys);
            if (keyEnd < 0 || keyEnd >= part.size()) {
                continue;
            }
            String key = part.get(keyEnd - 1).identifier();
            SqlToken operator = part.get(keyEnd);
            List<SqlToken> rest = part.subList(keyEnd + 1, part.size());
            if (operator.is("BETWEEN") || (operator.is("IN") && !rest.isEmpty() && inListLimits(rest, statement))) {
                return true;
            }
            if (operator.type() == SqlToken.Type.OPERATOR) {
                String op = operator.text();
                if (op.equals("=") && (isValue(rest) || anyLimits(rest, statement))) {
                    return true;
                }
                if (LOWER.contains(op)) {
                    lower.add(key);
                }
                else if (UPPER.contains(op)) {
                    upper.add(key);
                }
            }
        }
        lower.retainAll(upper);
        return !lower.isEmpty();
    }

    /** Where the key column ends (the index of the token after it), or -1 when the conjunct does not start with one. */
    private static int keyEnd(List<SqlToken> part, Set<String> keys) {
        int i = 0;
        while (i + 2 < part.size() && part.get(i).isName() && part.get(i + 1).type() == SqlToken.Type.DOT) {
            i += 2;
        }
        return (i < part.size() && part.get(i).isName() && keys.contains(part.get(i).identifier())) ? i + 1 : -1;
    }

    /** {@code (1, 2, 3)} or {@code (SELECT ... LIMIT n)}. */
    private static boolean inListLimits(List<SqlToken> rest, List<SqlToken> statement) {
        List<SqlToken> inner = strip(rest);
        if (inner.isEmpty()) {
            return false;
        }
        if (inner.get(0).is("SELECT") || inner.get(0).is("WITH")) {
            return subqueryLimits(inner, statement);
        }
        return inner.stream().noneMatch(SqlToken::isName);
    }

    /** {@code ANY (ARRAY(SELECT ... LIMIT n))}, {@code ANY (ARRAY[1, 2])}, {@code ANY ('{1,2}')}. */
    private static boolean anyLimits(List<SqlToken> rest, List<SqlToken> statement) {
        if (rest.isEmpty() || !(rest.get(0).is("ANY") || rest.get(0).is("SOME"))) {
            return false;
        }
        List<SqlToken> inner = strip(rest.subList(1, rest.size()));
        if (!inner.isEmpty() && inner.get(0).is("ARRAY")) {
            List<SqlToken> array = strip(inner.subList(1, inner.size()));
            if (!array.isEmpty() && array.get(0).is("SELECT")) {
                return subqueryLimits(array, statement);
            }
            return inner.stream().skip(1).noneMatch((token) -> token.isName() && !token.is("ARRAY"));
        }
        if (!inner.isEmpty() && inner.get(0).is("SELECT")) {
            return subqueryLimits(inner, statement);
        }
        return isValue(inner);
    }

    /** Whether a subquery has a LIMIT (or FETCH FIRST) of its own, or reads a common table expression that has one. */
    private static boolean subqueryLimits(List<SqlToken> query, List<SqlToken> statement) {
        if (topLevel(query, "LIMIT") || topLevel(query, "FETCH")) {
            return true;
        }
        int from = indexOfTopLevel(query, "FROM");
        if (from < 0 || from + 1 >= query.size() || !query.get(from + 1).isName()) {
            return false;
        }
        String cte = query.get(from + 1).identifier();
        List<SqlToken> body = commonTableExpression(statement, cte);
        return body != null && (topLevel(body, "LIMIT") || topLevel(body, "FETCH"));
    }

    private static @Nullable List<SqlToken> commonTableExpression(List<SqlToken> statement, String name) {
        for (int i = 0; i + 2 < statement.size(); i++) {
            SqlToken token = statement.get(i);
            if (token.isName() && token.identifier().equals(name) && statement.get(i + 1).is("AS")) {
                int open = i + 2;
                while (open < statement.size() && statement.get(open).type() != SqlToken.Type.OPEN_PAREN) {
                    open++;
                }
                return strip(group(statement, open));
            }
        }
        return null;
    }

    /** Whether the tokens are a value: constants, parameters, casts and function calls, but no column. */
    private static boolean isValue(List<SqlToken> tokens) {
        if (tokens.isEmpty()) {
            return false;
        }
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            boolean afterCast = i > 0 && tokens.get(i - 1).text().equals("::");
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).type() == SqlToken.Type.OPEN_PAREN;
            if (token.isName() && !afterCast && !call && !token.is("NULL") && !token.is("TRUE") && !token.is("FALSE")) {
                return false;
            }
            if (token.is("SELECT")) {
                return false;
            }
        }
        return true;
    }

    private static boolean topLevel(List<SqlToken> tokens, String word) {
        return indexOfTopLevel(tokens, word) >= 0;
    }

    private static int indexOfTopLevel(List<SqlToken> tokens, String word) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.type() == SqlToken.Type.OPEN_PAREN) {
                depth++;
            }
            else if (token.type() == SqlToken.Type.CLOSE_PAREN) {
                depth--;
            }
            else if (depth == 0 && token.is(word)) {
                return i;
            }
        }
        return -1;
    }

    /** Splits at a top-level AND or OR; the AND of a BETWEEN does not split. */
    private static List<List<SqlToken>> split(List<SqlToken> tokens, String word) {
        List<List<SqlToken>> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean between = false;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.type() == SqlToken.Type.OPEN_PAREN) {
                depth++;
            }
            else if (token.type() == SqlToken.Type.CLOSE_PAREN) {
                depth--;
            }
            else if (depth == 0 && token.is("BETWEEN")) {
                between = true;
            }
            else if (depth == 0 && token.is("AND") && between) {
                between = false;
            }
            else if (depth == 0 && token.is(word)) {
                parts.add(tokens.subList(start, i));
                start = i + 1;
            }
        }
        parts.add(tokens.subList(start, tokens.size()));
        return parts;
    }

    /** The parenthesized group starting at {@code open}, parentheses included. */
    private static List<SqlToken> group(List<SqlToken> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).type() == SqlToken.Type.OPEN_PAREN) {
                depth++;
            }
            else if (tokens.get(i).type() == SqlToken.Type.CLOSE_PAREN && --depth == 0) {
                return tokens.subList(open, i + 1);
            }
        }
        return tokens.subList(Math.min(open, tokens.size()), tokens.size());
    }

    /** Removes parentheses that enclose all of the tokens. */
    private static List<SqlToken> strip(List<SqlToken> tokens) {
        List<SqlToken> current = tokens;
        while (current.size() >= 2 && current.get(0).type() == SqlToken.Type.OPEN_PAREN
                && group(current, 0).size() == current.size()) {
            current = current.subList(1, current.size() - 1);
        }
        return current;
    }

}
