package dev.tidemark.migration.internal.sql;

import java.util.Locale;

/**
 * One significant token of a statement, for parsers that need more than a statement's leading keywords:
 * comments and whitespace are gone, numbers and operators are whole (the lexer underneath cuts them into
 * single characters, enough for finding statement boundaries but not for reading a type such as
 * {@code varchar(255)} or an operator such as {@code >=}). Immutable.
 *
 * @param type what the token is
 * @param text the token exactly as written, quotes included
 * @param start offset of its first character within the text it was read from
 * @param end offset just past its last character
 * @param line the 1-based line it starts on, counted in the script the statement belongs to
 */
public record SqlToken(Type type, String text, int start, int end, int line) {

    /** What a token is. */
    public enum Type {
        /** An unquoted identifier or keyword. */
        WORD,
        /** A quoted identifier, {@code "..."} or {@code U&"..."}. */
        QUOTED_IDENTIFIER,
        /** A string constant: {@code '...'}, {@code E'...'}, {@code U&'...'}, {@code B'...'}, {@code X'...'}. */
        STRING,
        /** A dollar-quoted string constant, such as the body of a {@code DO} block or a function. */
        DOLLAR_STRING,
        /** A numeric constant such as {@code 42}, {@code 3.14} or {@code 1e6}. */
        NUMBER,
        /** A positional parameter such as {@code $1}. */
        PARAMETER,
        /** An operator such as {@code =}, {@code >=}, {@code ::} or {@code ||}. */
        OPERATOR,
        /** An opening parenthesis. */
        OPEN_PAREN,
        /** A closing parenthesis. */
        CLOSE_PAREN,
        /** A comma. */
        COMMA,
        /** A dot between the parts of a qualified name. */
        DOT,
        /** A semicolon (inside a parenthesized rule action or a {@code BEGIN ATOMIC} body). */
        SEMICOLON,
        /** Anything else: brackets, a lone {@code $}. */
        OTHER
    }

    /** Whether this is the unquoted keyword {@code keyword} (case-insensitive). */
    public boolean is(String keyword) {
        return this.type == Type.WORD && this.text.equalsIgnoreCase(keyword);
    }

    /** Whether this is a name: an unquoted word or a quoted identifier. */
    public boolean isName() {
        return this.type == Type.WORD || this.type == Type.QUOTED_IDENTIFIER;
    }

    /**
     * The identifier this token stands for, as PostgreSQL stores it: an unquoted word folded to lower case,
     * a quoted identifier without its quotes and with doubled quotes undone.
     */
    public String identifier() {
        if (this.type == Type.QUOTED_IDENTIFIER) {
            int open = this.text.indexOf('"');
            return this.text.substring(open + 1, this.text.length() - 1).replace("\"\"", "\"");
        }
        return this.text.toLowerCase(Locale.ROOT);
    }

    /**
     * The value of a string constant: a plain {@code '...'} without quotes and with doubled quotes undone,
     * a dollar-quoted string without its delimiters; any other token as written.
     */
    public String stringValue() {
        if (this.type == Type.DOLLAR_STRING) {
            int open = this.text.indexOf('$', 1) + 1;
            return this.text.substring(open, this.text.length() - open);
        }
        if (this.type == Type.STRING && this.text.startsWith("'")) {
            return this.text.substring(1, this.text.length() - 1).replace("''", "'");
        }
        return this.text;
    }

    /** Where the body of a dollar-quoted string starts within the text the token was read from. */
    public int dollarBodyStart() {
        return this.start + this.text.indexOf('$', 1) + 1;
    }

}
