package dev.tidemark.migration.internal.lint.effect;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.internal.lint.parse.Expr;
import dev.tidemark.migration.internal.lint.parse.TypeName;
import dev.tidemark.migration.internal.sql.SqlToken;

/**
 * Whether {@code ALTER COLUMN ... TYPE} rewrites the table, as PostgreSQL decides it: no rewrite when the old type
 * is binary-coercible to the new one and the new type modifier cannot reject an old value (a longer or removed
 * length, a wider precision with the same scale), and the {@code USING} expression, if any, is the column itself
 * or a plain cast of it. Everything else rewrites, including {@code timestamp} to {@code timestamptz} (a rewrite
 * unless the session's TimeZone is UTC, which a migration cannot count on). Stateless.
 */
public final class TypeChange {

    /** Types among which PostgreSQL converts without touching the data (binary-coercible casts). */
    private static final Set<String> TEXT_LIKE = Set.of("text", "varchar");

    private static final Set<String> PRECISION_TYPES = Set.of("timestamp", "timestamptz", "time", "timetz", "interval");

    private TypeChange() {
    }

    /**
     * Whether the change rewrites the table.
     * @param from the column's current type
     * @param to the new type
     * @param using the USING expression, or {@code null}
     * @param column the column's name, to recognize a USING that only casts it
     */
    public static boolean rewrites(TypeName from, TypeName to, @Nullable Expr using, String column) {
        if (using != null && !isPlainCast(using, column)) {
            return true;
        }
        if (from.array() != to.array()) {
            return true;
        }
        String a = from.base();
        String b = to.base();
        if (a.equals(b)) {
            return !modifierWidens(a, from, to);
        }
        if (TEXT_LIKE.contains(a) && TEXT_LIKE.contains(b)) {
            // varchar(n) -> text and varchar -> text are free; text -> varchar(n) checks (and rewrites) every row.
            return b.equals("varchar") && to.firstModifier() >= 0;
        }
        // cidr -> inet is binary-coercible as well.
        return !(a.equals("cidr") && b.equals("inet"));
    }

    /** Same base type: whether the new modifier accepts every old value without a check. */
    private static boolean modifierWidens(String base, TypeName from, TypeName to) {
        if (from.modifiers().equals(to.modifiers())) {
            return true;
        }
        if (to.modifiers().isEmpty()) {
            // varchar(20) -> varchar, numeric(10,2) -> numeric, timestamp(3) -> timestamp: unconstrained.
            // char(n) -> char is char(1), which truncates: not free.
            return !base.equals("char");
        }
        if (from.modifiers().isEmpty()) {
            // From unconstrained to constrained: every row must be checked.
            return false;
        }
        if (base.equals("varchar") || base.equals("varbit")) {
            return to.firstModifier() >= from.firstModifier();
        }
        if (base.equals("numeric")) {
            int fromScale = (from.modifiers().size() > 1) ? from.modifiers().get(1) : 0;
            int toScale = (to.modifiers().size() > 1) ? to.modifiers().get(1) : 0;
            return fromScale == toScale && to.firstModifier() >= from.firstModifier();
        }
        if (PRECISION_TYPES.contains(base)) {
            return to.firstModifier() >= from.firstModifier();
        }
        // char(n) pads to its length: any change rewrites; other types' modifiers are unknown here.
        return from.modifiers().equals(to.modifiers());
    }

    /** {@code col}, {@code col::type}, {@code CAST(col AS type)}, with any parentheses. */
    private static boolean isPlainCast(Expr using, String column) {
        List<SqlToken> tokens = using.tokens();
        if (tokens.isEmpty()) {
            return true;
        }
        if (tokens.get(0).is("CAST") && tokens.size() > 3 && tokens.get(1).type() == SqlToken.Type.OPEN_PAREN) {
            return tokens.get(2).isName() && tokens.get(2).identifier().equals(column) && tokens.get(3).is("AS");
        }
        int i = 0;
        while (i < tokens.size() && tokens.get(i).type() == SqlToken.Type.OPEN_PAREN) {
            i++;
        }
        if (i >= tokens.size() || !tokens.get(i).isName() || !tokens.get(i).identifier().equals(column)) {
            return false;
        }
        for (int j = i + 1; j < tokens.size(); j++) {
            SqlToken token = tokens.get(j);
            if (token.type() == SqlToken.Type.OPERATOR && !token.text().equals("::")) {
                return false;
            }
        }
        return true;
    }

}
