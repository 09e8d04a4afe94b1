package dev.tidemark.migration.internal.lint.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.LockLevel;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement.ObjectKind;
import dev.tidemark.migration.internal.sql.SqlStatement;
import dev.tidemark.migration.internal.sql.SqlToken;
import dev.tidemark.migration.internal.sql.SqlTokens;
import dev.tidemark.migration.internal.sql.StatementClassifier;

/**
 * Reads one statement into a {@link ParsedStatement}. A reader by hand rather than a grammar: it understands
 * the statements the lint rules judge, in all the forms PostgreSQL accepts them (quoted and qualified names,
 * {@code IF [NOT] EXISTS}, {@code ONLY}, comments anywhere, multi-action {@code ALTER TABLE}), and returns
 * {@link ParsedStatement.Other} for everything else, never an error. Stateless and thread-safe.
 */
public final class StatementParser {


    private StatementParser() {
    }

    /** Reads a statement. */
    public static ParsedStatement parse(SqlStatement statement) {
        List<SqlToken> tokens = SqlTokens.of(statement);
        if (tokens.isEmpty()) {
            return new ParsedStatement.Other("");
        }
        if (StatementClassifier.isTransactionControl(statement)) {
            return transactionControl(tokens);
        }
        TokenCursor cursor = new TokenCursor(tokens);
        try {
            ParsedStatement parsed = statement(cursor, tokens);
            return (parsed != null) ? parsed : new ParsedStatement.Other(keywords(tokens));
        }
        catch (IndexOutOfBoundsException ex) {
            // A statement cut short (a syntax error PostgreSQL would report) is left unjudged.
            return new ParsedStatement.Other(keywords(tokens));
        }
    }

    private static @Nullable ParsedStatement statement(TokenCursor cursor, List<SqlToken> tokens) {
        if (cursor.accept("CREATE")) {
            return create(cursor);
        }
        if (cursor.accept("ALTER")) {
            ObjectKind kind = relationKind(cursor);
            return (kind != null) ? AlterTableParser.alter(kind, cursor) : null;
        }
        if (cursor.accept("DROP")) {
            return drop(cursor);
        }
        if (cursor.accept("TRUNCATE")) {
            cursor.accept("TABLE");
            List<Name> tables = names(cursor);
            return new ParsedStatement.Truncate(tables, containsWord(cursor.rest(), "CASCADE"));
        }
        if (cursor.accept("LOCK")) {
            cursor.accept("TABLE");
            List<Name> tables = names(cursor);
            return new ParsedStatement.LockTable(tables, lockMode(cursor.rest()));
        }
        if (cursor.peekIs("VACUUM") || cursor.peekIs("CLUSTER") || cursor.peekIs("REINDEX")) {
            return MaintenanceParser.maintenance(cursor);
        }
        if (cursor.accept("DO")) {
            return doBlock(cursor);
        }
        if (cursor.accept("REFRESH", "MATERIALIZED", "VIEW")) {
            boolean concurrently = cursor.accept("CONCURRENTLY");
            Name view = cursor.name();
            return (view != null) ? new ParsedStatement.RefreshMaterializedView(view, concurrently) : null;
        }
        return DmlParser.dml(cursor, tokens);
    }

    private static @Nullable ParsedStatement create(TokenCursor cursor) {
        cursor.accept("OR", "REPLACE");
        if (!cursor.accept("GLOBAL")) {
            cursor.accept("LOCAL");
        }
        boolean temporary = cursor.accept("TEMPORARY") || cursor.accept("TEMP");
        cursor.accept("UNLOGGED");
        if (cursor.accept("TABLE")) {
            return createTable(cursor, temporary);
        }
        boolean unique = cursor.accept("UNIQUE");
        if (cursor.peekIs("INDEX")) {
            int concurrentlyAt = cursor.next().end();
            return createIndex(cursor, unique, concurrentlyAt);
        }
        if (cursor.accept("FUNCTION") || cursor.accept("PROCEDURE")) {
            return createFunction(cursor);
        }
        cursor.accept("CONSTRAINT");
        if (cursor.accept("TRIGGER")) {
            Name trigger = cursor.name();
            while (!cursor.atEnd() && !cursor.peekIs("ON")) {
                cursor.next();
            }
            cursor.accept("ON");
            Name table = cursor.name();
            return (trigger != null && table != null) ? new ParsedStatement.CreateObject(ObjectKind.TRIGGER, trigger, table)
                    : null;
        }
        cursor.accept("RECURSIVE");
        ObjectKind kind = objectKind(cursor);
        if (kind == null) {
            return null;
        }
        cursor.accept("IF", "NOT", "EXISTS");
        Name name = cursor.name();
        if (kind == ObjectKind.SCHEMA && name == null && cursor.accept("AUTHORIZATION")) {
            name = cursor.name();
        }
        return (name != null) ? new ParsedStatement.CreateObject(kind, name, null) : null;
    }

    private static @Nullable ParsedStatement createTable(TokenCursor cursor, boolean temporary) {
        boolean ifNotExists = cursor.accept("IF", "NOT", "EXISTS");
        Name name = cursor.name();
        if (name == null) {
            return null;
        }
        List<ColumnDef> columns = new ArrayList<>();
        List<ConstraintDef> constraints = new ArrayList<>();
        for (List<SqlToken> element : TokenCursor.splitAtCommas(cursor.parenthesized())) {
            TokenCursor part = new TokenCursor(element);
            if (part.atEnd() || part.peekIs("LIKE")) {
                continue;
            }
            if (DefinitionParser.startsTableConstraint(part)) {
                ConstraintDef constraint = DefinitionParser.tableConstraint(part);
                if (constraint != null) {
                    constraints.add(constraint);
                }
                continue;
            }
            ColumnDef column = DefinitionParser.column(part);
            if (column != null) {
                columns.add(column);
            }
        }
        return new ParsedStatement.CreateTable(name, ifNotExists, columns, constraints, temporary);
    }

    private static @Nullable ParsedStatement createIndex(TokenCursor cursor, boolean unique, int concurrentlyAt) {
        boolean concurrently = cursor.accept("CONCURRENTLY");
        boolean ifNotExists = cursor.accept("IF", "NOT", "EXISTS");
        Name index = cursor.peekIs("ON") ? null : cursor.name();
        if (!cursor.accept("ON")) {
            return null;
        }
        cursor.accept("ONLY");
        Name table = cursor.name();
        if (table == null) {
            return null;
        }
        if (cursor.accept("USING")) {
            cursor.identifier();
        }
        List<String> columns = DefinitionParser.names(cursor.parenthesized());
        return new ParsedStatement.CreateIndex(index, table, unique, concurrently, ifNotExists, columns, concurrentlyAt);
    }

    private static @Nullable ParsedStatement createFunction(TokenCursor cursor) {
        Name name = cursor.name();
        if (name == null) {
            return null;
        }
        cursor.parenthesized();
        // A function is VOLATILE unless it says otherwise.
        char volatility = 'v';
        String body = null;
        int bodyStart = 0;
        int bodyLine = 0;
        while (!cursor.atEnd()) {
            SqlToken token = cursor.next();
            if (token.is("IMMUTABLE")) {
                volatility = 'i';
            }
            else if (token.is("STABLE")) {
                volatility = 's';
            }
            else if (token.is("VOLATILE")) {
                volatility = 'v';
            }
            else if (token.is("AS") && body == null && isStringConstant(cursor.peek())) {
                SqlToken literal = cursor.next();
                body = literal.stringValue();
                bodyStart = (literal.type() == SqlToken.Type.DOLLAR_STRING) ? literal.dollarBodyStart() : literal.start() + 1;
                bodyLine = literal.line();
            }
        }
        return new ParsedStatement.CreateFunction(name, volatility, body, bodyStart, bodyLine);
    }

    private static @Nullable ParsedStatement doBlock(TokenCursor cursor) {
        while (!cursor.atEnd()) {
            SqlToken token = cursor.next();
            if (isStringConstant(token)) {
                int start = (token.type() == SqlToken.Type.DOLLAR_STRING) ? token.dollarBodyStart() : token.start() + 1;
                return new ParsedStatement.DoBlock(token.stringValue(), start, token.line());
            }
        }
        return null;
    }

    private static @Nullable ParsedStatement drop(TokenCursor cursor) {
        ObjectKind kind = objectKind(cursor);
        if (kind == null) {
            return null;
        }
        boolean concurrently = cursor.accept("CONCURRENTLY");
        boolean ifExists = cursor.accept("IF", "EXISTS");
        List<Name> names = names(cursor);
        Name table = null;
        if (cursor.accept("ON")) {
            table = cursor.name();
        }
        boolean cascade = containsWord(cursor.rest(), "CASCADE");
        return new ParsedStatement.Drop(kind, names, concurrently, ifExists, cascade, table);
    }

    /** Reads {@code TABLE}, {@code VIEW}, {@code MATERIALIZED VIEW}, ... after CREATE or DROP. */
    private static @Nullable ObjectKind objectKind(TokenCursor cursor) {
        ObjectKind relation = relationKind(cursor);
        if (relation != null) {
            return relation;
        }
        for (ObjectKind kind : List.of(ObjectKind.SEQUENCE, ObjectKind.TYPE, ObjectKind.DOMAIN, ObjectKind.FUNCTION,
                ObjectKind.PROCEDURE, ObjectKind.TRIGGER, ObjectKind.SCHEMA, ObjectKind.EXTENSION)) {
            if (cursor.accept(kind.sql())) {
                return kind;
            }
        }
        return null;
    }

    /** Reads the kind of relation after ALTER (or CREATE/DROP): TABLE, VIEW, MATERIALIZED VIEW, INDEX, FOREIGN TABLE. */
    private static @Nullable ObjectKind relationKind(TokenCursor cursor) {
        if (cursor.accept("TABLE")) {
            return ObjectKind.TABLE;
        }
        if (cursor.accept("VIEW")) {
            return ObjectKind.VIEW;
        }
        if (cursor.accept("MATERIALIZED", "VIEW")) {
            return ObjectKind.MATERIALIZED_VIEW;
        }
        if (cursor.accept("INDEX")) {
            return ObjectKind.INDEX;
        }
        if (cursor.accept("FOREIGN", "TABLE")) {
            return ObjectKind.FOREIGN_TABLE;
        }
        return null;
    }

    /** Reads {@code [ONLY] name [*] [(arguments)] [, ...]}. */
    static List<Name> names(TokenCursor cursor) {
        List<Name> names = new ArrayList<>();
        do {
            cursor.accept("ONLY");
            Name name = cursor.name();
            if (name == null) {
                break;
            }
            names.add(name);
            if (cursor.peekOperator("*")) {
                cursor.next();
            }
            cursor.parenthesized();
        }
        while (cursor.accept(SqlToken.Type.COMMA));
        return names;
    }

    private static LockLevel lockMode(List<SqlToken> rest) {
        StringBuilder mode = new StringBuilder();
        boolean inMode = false;
        for (SqlToken token : rest) {
            if (token.is("IN")) {
                inMode = true;
            }
            else if (token.is("MODE")) {
                break;
            }
            else if (inMode) {
                mode.append(mode.length() > 0 ? " " : "").append(token.text().toUpperCase(Locale.ROOT));
            }
        }
        return switch (mode.toString()) {
            case "ACCESS SHARE" -> LockLevel.ACCESS_SHARE;
            case "ROW SHARE", "ROW EXCLUSIVE" -> LockLevel.ROW_EXCLUSIVE;
            case "SHARE UPDATE EXCLUSIVE" -> LockLevel.SHARE_UPDATE_EXCLUSIVE;
            case "SHARE" -> LockLevel.SHARE;
            case "SHARE ROW EXCLUSIVE" -> LockLevel.SHARE_ROW_EXCLUSIVE;
            case "EXCLUSIVE" -> LockLevel.EXCLUSIVE;
            default -> LockLevel.ACCESS_EXCLUSIVE;
        };
    }

    private static ParsedStatement transactionControl(List<SqlToken> tokens) {
        SqlToken first = tokens.get(0);
        boolean opens = first.is("BEGIN") || first.is("START");
        boolean rollbackTo = first.is("ROLLBACK") && tokens.stream().anyMatch((token) -> token.is("TO"));
        boolean closes = !rollbackTo && (first.is("COMMIT") || first.is("END") || first.is("ROLLBACK") || first.is("ABORT"));
        return new ParsedStatement.TransactionControl(opens, closes);
    }

    static boolean containsWord(List<SqlToken> tokens, String word) {
        return tokens.stream().anyMatch((token) -> token.is(word));
    }

    private static boolean isStringConstant(@Nullable SqlToken token) {
        return token != null && (token.type() == SqlToken.Type.DOLLAR_STRING || token.type() == SqlToken.Type.STRING);
    }

    static String keywords(List<SqlToken> tokens) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < Math.min(2, tokens.size()) && tokens.get(i).type() == SqlToken.Type.WORD; i++) {
            words.append((i > 0) ? " " : "").append(tokens.get(i).text().toUpperCase(Locale.ROOT));
        }
        return words.toString();
    }

}
