package dev.tidemark.migration.internal.sql;

import java.util.Objects;

/**
 * One statement of a migration script, as {@link SqlScriptSplitter} found it. Immutable.
 *
 * @param sql the text from the statement's first token to its last, as written: without the
 * terminating semicolon, without the whitespace and comments before the first token or after the last
 * one; comments between tokens stay
 * @param line the 1-based line of the statement's first token in the script
 */
public record SqlStatement(String sql, int line) {

    /**
     * Checks the components.
     * @param sql the statement's text
     * @param line the 1-based line of its first token
     * @throws IllegalArgumentException if {@code line} is not positive
     */
    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, was " + line);
        }
    }

    /**
     * The statement with every comment removed and every run of whitespace between tokens collapsed
     * to one space, so that {@code "CREATE INDEX -- why\n  CONCURRENTLY"} becomes
     * {@code "CREATE INDEX CONCURRENTLY"}. String constants, quoted identifiers and dollar-quoted
     * bodies are kept exactly as written, line breaks included; case is kept too. Meant for comparing
     * and classifying statements, not for running them.
     * @return the normalized text
     */
    public String normalized() {
        return SqlNormalizer.normalize(this.sql, false);
    }

    /**
     * The normalized statement with every string constant and dollar-quoted body replaced by {@code ''} and
     * every quoted identifier by {@code ""}, so that no literal can look like a keyword: the text that
     * classifiers match their patterns against.
     * @return the masked, normalized text
     */
    public String masked() {
        return SqlNormalizer.normalize(this.sql, true);
    }

}
