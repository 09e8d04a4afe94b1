package dev.tidemark.migration.internal.lint.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.internal.sql.SqlToken;

/**
 * A position in a list of tokens, with the look-ahead and matching helpers a recursive-descent reader needs.
 * Not thread-safe.
 */
final class TokenCursor {

    private final List<SqlToken> tokens;

    private int position;

    TokenCursor(List<SqlToken> tokens) {
        this.tokens = tokens;
    }

    boolean atEnd() {
        return this.position >= this.tokens.size();
    }

    int position() {
        return this.position;
    }

    void reset(int position) {
        this.position = position;
    }

    @Nullable SqlToken peek() {
        return peek(0);
    }

    @Nullable SqlToken peek(int ahead) {
        int index = this.position + ahead;
        return (index >= 0 && index < this.tokens.size()) ? this.tokens.get(index) : null;
    }

    SqlToken next() {
        return this.tokens.get(this.position++);
    }

    /** The line of the next token, or of the last one at the end. */
    int line() {
        if (this.tokens.isEmpty()) {
            return 1;
        }
        return this.tokens.get(Math.min(this.position, this.tokens.size() - 1)).line();
    }

    /** Whether the next tokens are these keywords, in order. */
    boolean peekIs(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            SqlToken token = peek(i);
            if (token == null || !token.is(keywords[i])) {
                return false;
            }
        }
        return true;
    }

    /** Consumes the keywords if the next tokens are exactly these. */
    boolean accept(String... keywords) {
        if (peekIs(keywords)) {
            this.position += keywords.length;
            return true;
        }
        return false;
    }

    boolean accept(SqlToken.Type type) {
        SqlToken token = peek();
        if (token != null && token.type() == type) {
            this.position++;
            return true;
        }
        return false;
    }

    /** Whether the next token is the operator {@code text}, e.g. {@code *}. */
    boolean peekOperator(String text) {
        SqlToken token = peek();
        return token != null && token.type() == SqlToken.Type.OPERATOR && token.text().equals(text);
    }

    /** The next token if it is a word, upper-cased; else the empty string. */
    String peekWord(int ahead) {
        SqlToken token = peek(ahead);
        return (token != null && token.type() == SqlToken.Type.WORD) ? token.text().toUpperCase(Locale.ROOT) : "";
    }

    boolean peekIs(SqlToken.Type type) {
        SqlToken token = peek();
        return token != null && token.type() == type;
    }

    /** Reads a possibly qualified name ({@code a}, {@code s.a}, {@code db.s.a}), or returns null without moving. */
    @Nullable Name name() {
        int start = this.position;
        List<SqlToken> parts = new ArrayList<>();
        while (peekName(0)) {
            parts.add(next());
            if (peekIs(SqlToken.Type.DOT) && peekName(1)) {
                this.position++;
                continue;
            }
            break;
        }
        if (parts.isEmpty()) {
            this.position = start;
            return null;
        }
        SqlToken last = parts.get(parts.size() - 1);
        String schema = (parts.size() >= 2) ? parts.get(parts.size() - 2).identifier() : null;
        String written = new Expr(this.tokens.subList(start, this.position)).text();
        return new Name(schema, last.identifier(), written);
    }

    private boolean peekName(int ahead) {
        SqlToken token = peek(ahead);
        return token != null && token.isName();
    }

    /** Reads a plain identifier, or returns null without moving. */
    @Nullable SqlToken identifier() {
        SqlToken token = peek();
        if (token != null && token.isName()) {
            this.position++;
            return token;
        }
        return null;
    }

    /** Skips a parenthesized group if one starts here; returns its inner tokens. */
    List<SqlToken> parenthesized() {
        if (!peekIs(SqlToken.Type.OPEN_PAREN)) {
            return List.of();
        }
        int open = ++this.position;
        int depth = 1;
        while (!atEnd()) {
            SqlToken token = next();
            if (token.type() == SqlToken.Type.OPEN_PAREN) {
                depth++;
            }
            else if (token.type() == SqlToken.Type.CLOSE_PAREN && --depth == 0) {
                return this.tokens.subList(open, this.position - 1);
            }
        }
        return this.tokens.subList(open, this.position);
    }

    /**
     * Reads tokens up to, excluding, the first top-level comma, or top-level word in {@code stopWords}, or the end.
     * At least one token is read, so an expression that starts with a stop word (DEFAULT NULL) is not empty.
     */
    List<SqlToken> until(Set<String> stopWords, boolean stopAtComma) {
        int start = this.position;
        int depth = 0;
        while (!atEnd()) {
            SqlToken token = this.tokens.get(this.position);
            if (depth == 0 && this.position > start) {
                if ((stopAtComma && token.type() == SqlToken.Type.COMMA)
                        || (token.type() == SqlToken.Type.WORD && stopWords.contains(token.text().toUpperCase(Locale.ROOT)))) {
                    break;
                }
            }
            if (depth == 0 && this.position == start && stopAtComma && token.type() == SqlToken.Type.COMMA) {
                break;
            }
            if (token.type() == SqlToken.Type.OPEN_PAREN) {
                depth++;
            }
            else if (token.type() == SqlToken.Type.CLOSE_PAREN) {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            this.position++;
        }
        return this.tokens.subList(start, this.position);
    }

    /** The text of the tokens from {@code from} (inclusive) to {@code to} (exclusive), single-spaced. */
    String text(int from, int to) {
        return new Expr(this.tokens.subList(from, Math.max(from, to))).text();
    }

    /** The remaining tokens, consumed. */
    List<SqlToken> rest() {
        List<SqlToken> rest = this.tokens.subList(this.position, this.tokens.size());
        this.position = this.tokens.size();
        return rest;
    }

    /** Splits tokens at top-level commas. */
    static List<List<SqlToken>> splitAtCommas(List<SqlToken> tokens) {
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
            else if (token.type() == SqlToken.Type.COMMA && depth == 0) {
                parts.add(tokens.subList(start, i));
                start = i + 1;
            }
        }
        if (start < tokens.size()) {
            parts.add(tokens.subList(start, tokens.size()));
        }
        return parts;
    }

}
