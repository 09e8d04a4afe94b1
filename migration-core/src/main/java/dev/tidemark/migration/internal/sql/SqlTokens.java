package dev.tidemark.migration.internal.sql;

import java.util.ArrayList;
import java.util.List;

import dev.tidemark.migration.internal.sql.SqlLexer.Kind;
import dev.tidemark.migration.internal.sql.SqlLexer.Token;

/**
 * Reads the significant tokens of SQL text with {@link SqlLexer}: trivia dropped, and the single characters the
 * lexer returns for digits and operators joined into whole numbers and operators, following PostgreSQL's
 * lexical rules closely enough for reading DDL (a {@code -} or {@code +} never ends a multi-character operator
 * unless it holds one of {@code ~ ! @ # % ^ & | ` ?}, which does not matter for the DDL read here). Stateless and
 * thread-safe.
 */
public final class SqlTokens {

    private static final String OPERATOR_CHARACTERS = "+-*/<>=~!@#%^&|`?:";

    private SqlTokens() {
    }

    /**
     * Tokenizes a statement.
     * @param statement the statement
     * @return its significant tokens, lines counted in its script
     */
    public static List<SqlToken> of(SqlStatement statement) {
        return of(statement.sql(), statement.line());
    }

    /**
     * Tokenizes SQL text.
     * @param sql the text
     * @param firstLine the line of the script on which the text starts
     * @return its significant tokens; an unclosed literal at the end is returned as it is
     */
    public static List<SqlToken> of(String sql, int firstLine) {
        List<SqlToken> tokens = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(sql);
        Token pending = null;
        while (lexer.hasNext()) {
            Token token = lexer.next();
            if (token.isTrivia()) {
                continue;
            }
            if (pending != null && joins(sql, pending, token)) {
                pending = new Token(Kind.OTHER, pending.start(), token.end(), pending.line(), true);
                continue;
            }
            if (pending != null) {
                tokens.add(convert(sql, pending, firstLine));
            }
            pending = token;
        }
        if (pending != null) {
            tokens.add(convert(sql, pending, firstLine));
        }
        return List.copyOf(tokens);
    }

    /** Whether {@code next} continues the number or operator that {@code previous} started, with nothing between. */
    private static boolean joins(String sql, Token previous, Token next) {
        if (previous.kind() != Kind.OTHER || next.kind() != Kind.OTHER || next.start() != previous.end()) {
            return false;
        }
        String sofar = sql.substring(previous.start(), previous.end());
        char c = sql.charAt(next.start());
        char first = sofar.charAt(0);
        if (isDigit(first) || (first == '.' && sofar.length() > 1)) {
            // A number: digits with at most one decimal point (exponents do not occur in the DDL read here).
            return isDigit(c) || (c == '.' && sofar.indexOf('.') < 0);
        }
        if (sofar.equals(".")) {
            return isDigit(c);
        }
        return isOperator(sofar) && OPERATOR_CHARACTERS.indexOf(c) >= 0;
    }

    private static boolean isOperator(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (OPERATOR_CHARACTERS.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static SqlToken convert(String sql, Token token, int firstLine) {
        String text = token.text(sql);
        int line = firstLine + token.line() - 1;
        SqlToken.Type type = switch (token.kind()) {
            case WORD -> SqlToken.Type.WORD;
            case QUOTED_IDENTIFIER -> SqlToken.Type.QUOTED_IDENTIFIER;
            case STRING, ESCAPE_STRING -> SqlToken.Type.STRING;
            case DOLLAR_STRING -> SqlToken.Type.DOLLAR_STRING;
            case PARAMETER -> SqlToken.Type.PARAMETER;
            case SEMICOLON -> SqlToken.Type.SEMICOLON;
            case OPEN_PAREN -> SqlToken.Type.OPEN_PAREN;
            case CLOSE_PAREN -> SqlToken.Type.CLOSE_PAREN;
            default -> otherType(text);
        };
        return new SqlToken(type, text, token.start(), token.end(), line);
    }

    private static SqlToken.Type otherType(String text) {
        char first = text.charAt(0);
        if (isDigit(first) || (first == '.' && text.length() > 1)) {
            return SqlToken.Type.NUMBER;
        }
        if (text.equals(",")) {
            return SqlToken.Type.COMMA;
        }
        if (text.equals(".")) {
            return SqlToken.Type.DOT;
        }
        return (OPERATOR_CHARACTERS.indexOf(first) >= 0) ? SqlToken.Type.OPERATOR : SqlToken.Type.OTHER;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

}
