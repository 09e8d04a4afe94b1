package dev.tidemark.migration.internal.lint.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.tidemark.migration.internal.lint.parse.ParsedStatement.ObjectKind;
import dev.tidemark.migration.internal.sql.SqlToken;

/**
 * Reads {@code ALTER TABLE|VIEW|MATERIALIZED VIEW|INDEX|FOREIGN TABLE ...} with all its comma-separated actions.
 * Stateless.
 */
final class AlterTableParser {

    private static final Set<String> TYPE_END = Set.of("USING", "COLLATE");

    private AlterTableParser() {
    }

    /** Reads the statement after {@code ALTER <kind>}, positioned at {@code [IF EXISTS] [ONLY] name}. */
    static ParsedStatement alter(ObjectKind kind, TokenCursor cursor) {
        cursor.accept("IF", "EXISTS");
        cursor.accept("ONLY");
        Name table = cursor.name();
        if (table == null) {
            return new ParsedStatement.Other("ALTER " + kind.sql());
        }
        if (cursor.peekOperator("*")) {
            cursor.next();
        }
        List<AlterAction> actions = new ArrayList<>();
        for (List<SqlToken> part : TokenCursor.splitAtCommas(cursor.rest())) {
            if (!part.isEmpty()) {
                actions.add(action(new TokenCursor(part)));
            }
        }
        return new ParsedStatement.AlterTable(kind, table, actions);
    }

    private static AlterAction action(TokenCursor cursor) {
        int line = cursor.line();
        if (cursor.accept("ADD")) {
            if (DefinitionParser.startsTableConstraint(cursor)) {
                ConstraintDef constraint = DefinitionParser.tableConstraint(cursor);
                if (constraint != null) {
                    return new AlterAction.AddConstraint(constraint, line);
                }
            }
            cursor.accept("COLUMN");
            boolean ifNotExists = cursor.accept("IF", "NOT", "EXISTS");
            ColumnDef column = DefinitionParser.column(cursor);
            if (column != null) {
                return new AlterAction.AddColumn(column, ifNotExists, line);
            }
            return new AlterAction.Other("ADD", line);
        }
        if (cursor.accept("DROP", "CONSTRAINT")) {
            cursor.accept("IF", "EXISTS");
            SqlToken name = cursor.identifier();
            return (name != null) ? new AlterAction.DropConstraint(name.identifier(), line)
                    : new AlterAction.Other("DROP CONSTRAINT", line);
        }
        if (cursor.peekIs("DROP") && !isDropSubcommand(cursor)) {
            cursor.accept("DROP");
            cursor.accept("COLUMN");
            cursor.accept("IF", "EXISTS");
            SqlToken column = cursor.identifier();
            if (column != null) {
                return new AlterAction.DropColumn(column.identifier(), column.text(), line);
            }
        }
        if (cursor.accept("ALTER")) {
            return alterColumn(cursor, line);
        }
        if (cursor.accept("VALIDATE", "CONSTRAINT")) {
            SqlToken name = cursor.identifier();
            if (name != null) {
                return new AlterAction.ValidateConstraint(name.identifier(), name.text(), line);
            }
        }
        if (cursor.accept("RENAME")) {
            return rename(cursor, line);
        }
        if (cursor.accept("DETACH", "PARTITION")) {
            Name partition = cursor.name();
            if (partition != null) {
                return new AlterAction.DetachPartition(partition, cursor.accept("CONCURRENTLY"), line);
            }
        }
        return new AlterAction.Other(keywords(cursor), line);
    }

    /** DROP followed by a subcommand word other than COLUMN or a column name: DROP CONSTRAINT is handled before. */
    private static boolean isDropSubcommand(TokenCursor cursor) {
        return cursor.peekIs("DROP", "NOT") || cursor.peekIs("DROP", "DEFAULT") || cursor.peekIs("DROP", "EXPRESSION")
                || cursor.peekIs("DROP", "IDENTITY");
    }

    private static AlterAction alterColumn(TokenCursor cursor, int line) {
        cursor.accept("COLUMN");
        SqlToken column = cursor.identifier();
        if (column == null) {
            return new AlterAction.Other("ALTER", line);
        }
        if (cursor.accept("SET", "DATA", "TYPE") || cursor.accept("TYPE")) {
            TypeName type = TypeName.of(cursor.until(TYPE_END, true));
            Expr using = null;
            while (!cursor.atEnd()) {
                if (cursor.accept("USING")) {
                    using = new Expr(cursor.rest());
                }
                else {
                    cursor.next();
                }
            }
            return new AlterAction.AlterColumnType(column.identifier(), column.text(), type, using, line);
        }
        if (cursor.accept("SET", "NOT", "NULL")) {
            return new AlterAction.SetNotNull(column.identifier(), column.text(), line);
        }
        if (cursor.accept("DROP", "NOT", "NULL")) {
            return new AlterAction.DropNotNull(column.identifier(), line);
        }
        if (cursor.accept("SET", "DEFAULT")) {
            return new AlterAction.SetDefault(column.identifier(), new Expr(cursor.rest()), line);
        }
        if (cursor.accept("DROP", "DEFAULT")) {
            return new AlterAction.DropDefault(column.identifier(), column.text(), line);
        }
        return new AlterAction.Other("ALTER COLUMN " + keywords(cursor), line);
    }

    private static AlterAction rename(TokenCursor cursor, int line) {
        if (cursor.accept("TO")) {
            SqlToken to = cursor.identifier();
            if (to != null) {
                return new AlterAction.RenameTo(to.identifier(), to.text(), line);
            }
        }
        if (cursor.accept("CONSTRAINT")) {
            return new AlterAction.Other("RENAME CONSTRAINT", line);
        }
        cursor.accept("COLUMN");
        SqlToken from = cursor.identifier();
        if (from != null && cursor.accept("TO")) {
            SqlToken to = cursor.identifier();
            if (to != null) {
                return new AlterAction.RenameColumn(from.identifier(), from.text(), to.identifier(), to.text(), line);
            }
        }
        return new AlterAction.Other("RENAME", line);
    }

    private static String keywords(TokenCursor cursor) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 3 && !cursor.peekWord(i).isEmpty(); i++) {
            words.append((i > 0) ? " " : "").append(cursor.peekWord(i));
        }
        return words.toString();
    }

}
