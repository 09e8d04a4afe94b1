package dev.tidemark.migration.internal.sql;

/**
 * Cuts SQL text into tokens following PostgreSQL's lexical rules
 * (<a href="https://www.postgresql.org/docs/current/sql-syntax-lexical.html">SQL Syntax, Lexical
 * Structure</a>), as far as they matter for finding statement boundaries: whitespace, comments,
 * string constants, quoted identifiers, dollar quotes, words and single punctuation characters.
 * Digits and operator characters come out one {@link Kind#OTHER} token each, which is enough because no
 * number or operator can hide a semicolon.
 * <p>
 * The lexer never fails: a literal or comment without its end is returned as one token that runs to the
 * end of the text with {@link Token#terminated()} false, and the caller decides whether that is an error.
 * It assumes {@code standard_conforming_strings} is on (the default since PostgreSQL 9.1), so a backslash
 * escapes only inside {@code E'...'} strings.
 * <p>
 * Not thread-safe: an instance is a cursor over one text.
 */
final class SqlLexer {

    /** What a token is. */
    enum Kind {
        /** Spaces, tabs, line breaks, form feeds and vertical tabs. */
        WHITESPACE,
        /** A {@code --} comment up to, excluding, the line break. */
        LINE_COMMENT,
        /** A block comment, from slash-star to the matching star-slash; these nest in PostgreSQL. */
        BLOCK_COMMENT,
        /** An unquoted identifier or keyword, which may contain {@code $} after its first character. */
        WORD,
        /** A string constant with standard rules: {@code '...'}, {@code U&'...'}, {@code B'...'} and so on. */
        STRING,
        /** An escape string constant, {@code E'...'}, where a backslash escapes the next character. */
        ESCAPE_STRING,
        /** A quoted identifier, {@code "..."} or {@code U&"..."}. */
        QUOTED_IDENTIFIER,
        /** A dollar-quoted string constant, {@code $tag$...$tag$}. */
        DOLLAR_STRING,
        /** A positional parameter such as {@code $1}. */
        PARAMETER,
        /** A semicolon. */
        SEMICOLON,
        /** An opening parenthesis. */
        OPEN_PAREN,
        /** A closing parenthesis. */
        CLOSE_PAREN,
        /** Any other single character: digits, operators, punctuation. */
        OTHER
    }

    /**
     * One token.
     *
     * @param kind what it is
     * @param start offset of its first character
     * @param end offset just past its last character
     * @param line the 1-based line it starts on
     * @param terminated false when a literal or block comment reached the end of the text unclosed
     */
    record Token(Kind kind, int start, int end, int line, boolean terminated) {

        /** Whether the token separates other tokens without meaning anything itself. */
        boolean isTrivia() {
            return this.kind == Kind.WHITESPACE || this.kind == Kind.LINE_COMMENT
                    || this.kind == Kind.BLOCK_COMMENT;
        }

        /** The token's text within the source it was read from. */
        String text(String source) {
            return source.substring(this.start, this.end);
        }

    }

    private final String text;

    private int position;

    private int line = 1;

    // Set by the scanners when a literal or comment runs into the end of the text.
    private boolean unterminated;

    SqlLexer(String text) {
        this.text = text;
    }

    /** Whether another token follows. */
    boolean hasNext() {
        return this.position < this.text.length();
    }

    /** Reads the next token; call only when {@link #hasNext()}. */
    Token next() {
        int start = this.position;
        int startLine = this.line;
        char c = this.text.charAt(start);
        Kind kind;
        this.unterminated = false;
        if (isWhitespace(c)) {
            kind = Kind.WHITESPACE;
            this.position = skipWhitespace(start);
        }
        else if (c == '-' && charAt(start + 1) == '-') {
            kind = Kind.LINE_COMMENT;
            this.position = endOfLine(start);
        }
        else if (c == '/' && charAt(start + 1) == '*') {
            kind = Kind.BLOCK_COMMENT;
            scanBlockComment(start + 2);
        }
        else if (c == '\'') {
            kind = Kind.STRING;
            scanQuoted(start + 1, '\'', false);
        }
        else if (c == '"') {
            kind = Kind.QUOTED_IDENTIFIER;
            scanQuoted(start + 1, '"', false);
        }
        else if (c == '$') {
            kind = scanDollar(start);
        }
        else if (isIdentifierStart(c)) {
            kind = scanWordOrPrefixedLiteral(start);
        }
        else {
            kind = switch (c) {
                case ';' -> Kind.SEMICOLON;
                case '(' -> Kind.OPEN_PAREN;
                case ')' -> Kind.CLOSE_PAREN;
                default -> Kind.OTHER;
            };
            this.position = start + 1;
        }
        this.line += lineBreaks(start, this.position);
        return new Token(kind, start, this.position, startLine, !this.unterminated);
    }

    private Kind scanWordOrPrefixedLiteral(int start) {
        int end = start + 1;
        while (end < this.text.length() && isIdentifierPart(this.text.charAt(end))) {
            end++;
        }
        // A prefix counts only when it is the whole word and the quote follows at once: "E'x'" is an
        // escape string but "ne'x'" is the word "ne" followed by a plain string.
        if (end == start + 1) {
            char prefix = this.text.charAt(start);
            char next = charAt(end);
            if ((prefix == 'E' || prefix == 'e') && next == '\'') {
                scanQuoted(end + 1, '\'', true);
                return Kind.ESCAPE_STRING;
            }
            if ((prefix == 'U' || prefix == 'u') && next == '&') {
                // U&'...' and U&"..." follow the standard doubling rules; their backslash escapes are
                // resolved later by the server and cannot hide a quote.
                char quote = charAt(end + 1);
                if (quote == '\'' || quote == '"') {
                    scanQuoted(end + 2, quote, false);
                    return (quote == '\'') ? Kind.STRING : Kind.QUOTED_IDENTIFIER;
                }
            }
        }
        this.position = end;
        return Kind.WORD;
    }

    private Kind scanDollar(int start) {
        int index = start + 1;
        if (isDigit(charAt(index))) {
            // $1 is a positional parameter, never a dollar quote: a tag cannot start with a digit.
            while (isDigit(charAt(index))) {
                index++;
            }
            this.position = index;
            return Kind.PARAMETER;
        }
        if (isIdentifierStart(charAt(index))) {
            index++;
            // A tag follows the identifier rules except that it cannot contain a dollar sign.
            while (index < this.text.length() && isIdentifierPart(this.text.charAt(index))
                    && this.text.charAt(index) != '$') {
                index++;
            }
        }
        if (charAt(index) != '$') {
            // "$foo" without a closing "$" is not a quote; PostgreSQL reads the "$" as a lone character.
            this.position = start + 1;
            return Kind.OTHER;
        }
        String delimiter = this.text.substring(start, index + 1);
        // The body ends at the first occurrence of the very same delimiter; any other tag is plain text.
        int close = this.text.indexOf(delimiter, index + 1);
        if (close < 0) {
            this.unterminated = true;
            this.position = this.text.length();
        }
        else {
            this.position = close + delimiter.length();
        }
        return Kind.DOLLAR_STRING;
    }

    /** The opening delimiter, tag included, of the dollar-quoted string starting at {@code start}. */
    static String dollarDelimiter(String text, int start) {
        return text.substring(start, text.indexOf('$', start + 1) + 1);
    }

    private void scanBlockComment(int from) {
        int depth = 1;
        int index = from;
        while (index < this.text.length()) {
            char c = this.text.charAt(index);
            if (c == '*' && charAt(index + 1) == '/') {
                index += 2;
                if (--depth == 0) {
                    this.position = index;
                    return;
                }
            }
            else if (c == '/' && charAt(index + 1) == '*') {
                // Unlike C, PostgreSQL nests block comments, as the SQL standard asks.
                depth++;
                index += 2;
            }
            else {
                index++;
            }
        }
        this.unterminated = true;
        this.position = this.text.length();
    }

    private void scanQuoted(int from, char quote, boolean backslashEscapes) {
        int index = from;
        while (index < this.text.length()) {
            char c = this.text.charAt(index);
            if (backslashEscapes && c == '\\') {
                index += 2;
            }
            else if (c == quote) {
                if (charAt(index + 1) != quote) {
                    this.position = index + 1;
                    return;
                }
                index += 2;
            }
            else {
                index++;
            }
        }
        this.unterminated = true;
        this.position = this.text.length();
    }

    private int skipWhitespace(int from) {
        int index = from;
        while (index < this.text.length() && isWhitespace(this.text.charAt(index))) {
            index++;
        }
        return index;
    }

    private int endOfLine(int from) {
        int index = from;
        while (index < this.text.length() && !isLineBreak(this.text.charAt(index))) {
            index++;
        }
        return index;
    }

    /** Counts line breaks in a range: LF, CR LF and a lone CR each count once. */
    private int lineBreaks(int from, int to) {
        int count = 0;
        for (int index = from; index < to; index++) {
            char c = this.text.charAt(index);
            if (c == '\n' || (c == '\r' && charAt(index + 1) != '\n')) {
                count++;
            }
        }
        return count;
    }

    private char charAt(int index) {
        return (index < this.text.length()) ? this.text.charAt(index) : '\0';
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** PostgreSQL counts every non-ASCII character as a letter, whatever the encoding. */
    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }

}
