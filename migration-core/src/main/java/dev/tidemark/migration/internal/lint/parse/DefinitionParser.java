package dev.tidemark.migration.internal.lint.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.internal.sql.SqlToken;

/**
 * Reads column definitions, types and constraints, the parts {@code CREATE TABLE} and {@code ALTER TABLE ... ADD}
 * share. Stateless.
 */
final class DefinitionParser {

    /** Words that end a column's type and start its constraints. */
    private static final Set<String> COLUMN_CLAUSES = Set.of("CONSTRAINT", "NOT", "NULL", "DEFAULT", "CHECK", "UNIQUE",
            "PRIMARY", "REFERENCES", "GENERATED", "COLLATE", "COMPRESSION", "STORAGE", "DEFERRABLE", "INITIALLY",
            "USING");

    /** Words that end a default expression (NOT only when NULL or DEFERRABLE follows; see {@link #expression}). */
    private static final Set<String> DEFAULT_END = Set.of("CONSTRAINT", "NOT", "NULL", "CHECK", "UNIQUE", "PRIMARY",
            "REFERENCES", "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY");

    private static final Set<String> TABLE_CONSTRAINT_START = Set.of("CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY",
            "FOREIGN", "EXCLUDE");

    private DefinitionParser() {
    }

    /** Whether the tokens start a table constraint rather than a column. */
    static boolean startsTableConstraint(TokenCursor cursor) {
        SqlToken token = cursor.peek();
        if (token == null || token.type() != SqlToken.Type.WORD) {
            return false;
        }
        String word = token.text().toUpperCase(java.util.Locale.ROOT);
        if (word.equals("NOT") && cursor.peekIs("NOT", "NULL")) {
            return true;
        }
        return TABLE_CONSTRAINT_START.contains(word);
    }

    /** Reads {@code name type [constraints]}, or null when the tokens do not start with a name. */
    static @Nullable ColumnDef column(TokenCursor cursor) {
        SqlToken name = cursor.identifier();
        if (name == null) {
            return null;
        }
        TypeName type = TypeName.of(cursor.until(COLUMN_CLAUSES, true));
        boolean notNull = false;
        Expr defaultValue = null;
        boolean identity = false;
        boolean stored = false;
        List<ConstraintDef> constraints = new ArrayList<>();
        String constraintName = null;
        while (!cursor.atEnd() && !cursor.peekIs(SqlToken.Type.COMMA)) {
            if (cursor.accept("CONSTRAINT")) {
                SqlToken named = cursor.identifier();
                constraintName = (named != null) ? named.identifier() : null;
                continue;
            }
            if (cursor.accept("NOT", "NULL")) {
                notNull = true;
            }
            else if (cursor.accept("NULL")) {
                notNull = false;
            }
            else if (cursor.accept("DEFAULT")) {
                defaultValue = expression(cursor, DEFAULT_END);
            }
            else if (cursor.accept("CHECK")) {
                Expr check = new Expr(cursor.parenthesized());
                cursor.accept("NO", "INHERIT");
                constraints.add(new ConstraintDef(constraintName, ConstraintDef.Kind.CHECK, List.of(name.identifier()),
                        check, null, null, false, "CHECK (" + check.text() + ")"));
            }
            else if (cursor.accept("UNIQUE")) {
                skipIndexParameters(cursor);
                constraints.add(new ConstraintDef(constraintName, ConstraintDef.Kind.UNIQUE, List.of(name.identifier()),
                        null, null, null, false, "UNIQUE (" + name.text() + ")"));
            }
            else if (cursor.accept("PRIMARY", "KEY")) {
                skipIndexParameters(cursor);
                notNull = true;
                constraints.add(new ConstraintDef(constraintName, ConstraintDef.Kind.PRIMARY_KEY,
                        List.of(name.identifier()), null, null, null, false, "PRIMARY KEY (" + name.text() + ")"));
            }
            else if (cursor.accept("REFERENCES")) {
                int start = cursor.position();
                Name references = cursor.name();
                cursor.parenthesized();
                skipReferenceActions(cursor);
                constraints.add(new ConstraintDef(constraintName, ConstraintDef.Kind.FOREIGN_KEY,
                        List.of(name.identifier()), null, references, null, false, "FOREIGN KEY (" + name.text()
                                + ") REFERENCES " + cursor.text(start, cursor.position())));
            }
            else if (cursor.accept("GENERATED")) {
                if (cursor.accept("ALWAYS", "AS", "IDENTITY") || cursor.accept("BY", "DEFAULT", "AS", "IDENTITY")) {
                    identity = true;
                    cursor.parenthesized();
                }
                else if (cursor.accept("ALWAYS", "AS")) {
                    cursor.parenthesized();
                    stored = cursor.accept("STORED");
                    cursor.accept("VIRTUAL");
                }
            }
            else {
                // COLLATE x, COMPRESSION x, STORAGE x, DEFERRABLE, INITIALLY DEFERRED, ...: nothing the rules need.
                cursor.next();
                continue;
            }
            constraintName = null;
        }
        return new ColumnDef(name.identifier(), name.text(), type, notNull, defaultValue, identity, stored, constraints);
    }

    /** Reads a table constraint: {@code [CONSTRAINT name] CHECK|UNIQUE|PRIMARY KEY|FOREIGN KEY|EXCLUDE|NOT NULL ...}. */
    static @Nullable ConstraintDef tableConstraint(TokenCursor cursor) {
        String name = null;
        if (cursor.accept("CONSTRAINT")) {
            SqlToken named = cursor.identifier();
            name = (named != null) ? named.identifier() : null;
        }
        int start = cursor.position();
        ConstraintDef.Kind kind;
        List<String> columns = List.of();
        Expr check = null;
        Name references = null;
        String usingIndex = null;
        if (cursor.accept("CHECK")) {
            kind = ConstraintDef.Kind.CHECK;
            check = new Expr(cursor.parenthesized());
        }
        else if (cursor.accept("UNIQUE") || cursor.accept("PRIMARY", "KEY")) {
            kind = kindBefore(cursor);
            cursor.accept("NULLS", "NOT", "DISTINCT");
            cursor.accept("NULLS", "DISTINCT");
            if (cursor.accept("USING", "INDEX")) {
                SqlToken index = cursor.identifier();
                usingIndex = (index != null) ? index.identifier() : null;
            }
            else {
                columns = names(cursor.parenthesized());
            }
        }
        else if (cursor.accept("FOREIGN", "KEY")) {
            kind = ConstraintDef.Kind.FOREIGN_KEY;
            columns = names(cursor.parenthesized());
            if (cursor.accept("REFERENCES")) {
                references = cursor.name();
                cursor.parenthesized();
            }
        }
        else if (cursor.accept("EXCLUDE")) {
            kind = ConstraintDef.Kind.EXCLUDE;
        }
        else if (cursor.accept("NOT", "NULL")) {
            kind = ConstraintDef.Kind.NOT_NULL;
            SqlToken column = cursor.identifier();
            columns = (column != null) ? List.of(column.identifier()) : List.of();
        }
        else {
            return null;
        }
        // Whatever follows (INCLUDE, WITH, ON DELETE, DEFERRABLE, NO INHERIT) matters only for NOT VALID.
        boolean notValid = false;
        int end = -1;
        while (!cursor.atEnd() && !cursor.peekIs(SqlToken.Type.COMMA)) {
            if (cursor.peekIs("NOT", "VALID")) {
                end = (end < 0) ? cursor.position() : end;
                cursor.accept("NOT", "VALID");
                notValid = true;
            }
            else if (cursor.peekIs(SqlToken.Type.OPEN_PAREN)) {
                cursor.parenthesized();
            }
            else {
                cursor.next();
            }
        }
        String written = cursor.text(start, (end < 0) ? cursor.position() : end);
        return new ConstraintDef(name, kind, columns, check, references, usingIndex, notValid, written);
    }

    /** UNIQUE or PRIMARY KEY, from the keyword just consumed. */
    private static ConstraintDef.Kind kindBefore(TokenCursor cursor) {
        SqlToken previous = cursor.peek(-1);
        return (previous != null && previous.is("KEY")) ? ConstraintDef.Kind.PRIMARY_KEY : ConstraintDef.Kind.UNIQUE;
    }

    /** Reads an expression up to a top-level comma or one of the words; {@code NOT} ends it only before NULL or DEFERRABLE. */
    static Expr expression(TokenCursor cursor, Set<String> stopWords) {
        List<SqlToken> tokens = new ArrayList<>();
        while (true) {
            List<SqlToken> part = cursor.until(stopWords, true);
            tokens.addAll(part);
            if (cursor.atEnd() || cursor.peekIs(SqlToken.Type.COMMA) || cursor.peekIs(SqlToken.Type.CLOSE_PAREN)) {
                break;
            }
            if (cursor.peekIs("NOT") && !cursor.peekIs("NOT", "NULL") && !cursor.peekIs("NOT", "DEFERRABLE")) {
                tokens.add(cursor.next());
                continue;
            }
            break;
        }
        return new Expr(tokens);
    }

    /** The plain column names among tokens such as {@code a, b DESC, lower(c)}; expressions give none. */
    static List<String> names(List<SqlToken> tokens) {
        List<String> names = new ArrayList<>();
        for (List<SqlToken> part : TokenCursor.splitAtCommas(tokens)) {
            if (!part.isEmpty() && part.get(0).isName()
                    && (part.size() == 1 || part.get(1).type() != SqlToken.Type.OPEN_PAREN)) {
                names.add(part.get(0).identifier());
            }
        }
        return names;
    }

    private static void skipIndexParameters(TokenCursor cursor) {
        cursor.accept("NULLS", "NOT", "DISTINCT");
        cursor.accept("NULLS", "DISTINCT");
        while (cursor.accept("INCLUDE") || cursor.accept("WITH") || cursor.accept("USING", "INDEX", "TABLESPACE")) {
            if (cursor.peekIs(SqlToken.Type.OPEN_PAREN)) {
                cursor.parenthesized();
            }
            else {
                cursor.identifier();
            }
        }
    }

    private static void skipReferenceActions(TokenCursor cursor) {
        while (true) {
            if (cursor.accept("MATCH")) {
                cursor.next();
            }
            else if (cursor.accept("ON", "DELETE") || cursor.accept("ON", "UPDATE")) {
                if (!cursor.accept("NO", "ACTION") && !cursor.accept("SET", "NULL") && !cursor.accept("SET", "DEFAULT")) {
                    cursor.next();
                }
                cursor.parenthesized();
            }
            else {
                return;
            }
        }
    }

}
