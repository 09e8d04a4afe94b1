package dev.tidemark.migration.internal.lint.parse;

import java.util.List;
import java.util.stream.Collectors;

import dev.tidemark.migration.internal.sql.SqlToken;

/**
 * An expression the parser does not take apart (a default, a CHECK condition, a WHERE clause), kept as its
 * tokens so that rules can look inside it.
 *
 * @param tokens the expression's tokens
 */
public record Expr(List<SqlToken> tokens) {

    /** Copies the list. */
    public Expr {
        tokens = List.copyOf(tokens);
    }

    /** The expression as one line, tokens separated by single spaces where the source had any. */
    public String text() {
        StringBuilder text = new StringBuilder();
        SqlToken previous = null;
        for (SqlToken token : this.tokens) {
            if (previous != null && token.start() > previous.end()) {
                text.append(' ');
            }
            text.append(token.text());
            previous = token;
        }
        return text.toString();
    }

    /** The expression with keywords upper-cased and names lower-cased, for comparing two expressions. */
    public String canonical() {
        return this.tokens.stream().map((token) -> token.isName() ? token.identifier() : token.text())
            .collect(Collectors.joining(" "));
    }

    /** Whether the expression is the keyword {@code NULL} alone. */
    public boolean isNull() {
        return this.tokens.size() == 1 && this.tokens.get(0).is("NULL");
    }

    @Override
    public String toString() {
        return text();
    }

}
