package dev.tidemark.migration.internal.resolve;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.internal.sql.SqlStatement;

/**
 * The statements of a migration and its transaction mode, found when first asked for: a migration that is
 * applied and unchanged is never decoded in full, split or classified. Whatever is wrong in a script's SQL
 * (its text, placeholders, statements, transaction mode) is reported when it is first split, which the
 * catalog does for every migration not applied yet before anything runs, and {@code validate()} for every
 * file. Thread-safe: the first caller splits, the others wait for it and share the result.
 */
public final class MigrationBody {

    private final @Nullable ScriptText text;

    private final @Nullable Function<ScriptText, Lexed> lexer;

    private volatile @Nullable Lexed lexed;

    private MigrationBody(@Nullable ScriptText text, @Nullable Function<ScriptText, Lexed> lexer, @Nullable Lexed lexed) {
        this.text = text;
        this.lexer = lexer;
        this.lexed = lexed;
    }

    /** A body known in advance: a Java migration's (no statements), or one built in a test. */
    public static MigrationBody of(List<SqlStatement> statements, boolean transactional) {
        return new MigrationBody(null, null, new Lexed(List.copyOf(statements), transactional, null));
    }

    /** A script's body, split by the lexer when first needed. */
    static MigrationBody lazy(ScriptText text, Function<ScriptText, Lexed> lexer) {
        return new MigrationBody(text, lexer, null);
    }

    /** The statements, splitting the script if that was not done yet. */
    public List<SqlStatement> statements() {
        return lexed().statements();
    }

    /** Whether it runs in one transaction with its history row. */
    public boolean transactional() {
        return lexed().transactional();
    }

    /** The directives of the whole script, or {@code null} for a body known in advance. */
    public @Nullable MigrationDirectives directives() {
        return lexed().directives();
    }

    /** Whether the script was split already (for tests of laziness). */
    public boolean isSplit() {
        return this.lexed != null;
    }

    /** The script the body comes from, or {@code null} for a Java migration. */
    @Nullable ScriptText text() {
        return this.text;
    }

    private Lexed lexed() {
        Lexed result = this.lexed;
        if (result == null) {
            synchronized (this) {
                result = this.lexed;
                if (result == null && this.text != null && this.lexer != null) {
                    result = this.lexer.apply(this.text);
                    this.lexed = result;
                }
            }
        }
        if (result == null) {
            throw new IllegalStateException("a body without a script or statements");
        }
        return result;
    }

    /** Equal when split from equal scripts, or, for bodies known in advance, with equal statements. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof MigrationBody body)) {
            return false;
        }
        return (this.text != null || body.text != null) ? Objects.equals(this.text, body.text) : Objects.equals(this.lexed, body.lexed);
    }

    @Override
    public int hashCode() {
        return (this.text != null) ? this.text.hashCode() : Objects.hashCode(this.lexed);
    }

    /**
     * A split script.
     * @param statements its statements
     * @param transactional whether it runs in one transaction
     * @param directives the directives of the whole script, or {@code null} for a body known in advance
     */
    record Lexed(List<SqlStatement> statements, boolean transactional, @Nullable MigrationDirectives directives) {
    }

}
