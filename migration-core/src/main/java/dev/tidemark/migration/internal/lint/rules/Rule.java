package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;

/**
 * A lint rule: judges one statement at a time, knowing the file and the schema before it, and reports what it
 * finds through {@link StatementCheck#report}. Implementations are stateless and thread-safe; what a rule needs to
 * remember within a file lives in {@link FileState}.
 */
public interface Rule {

    /** The rule's id, as written in {@code tidemark:allow} directives and severity settings. */
    String id();

    /** The severity when the configuration does not override it. */
    LintSeverity defaultSeverity();

    /** One line for the README's rule table: what the rule flags. */
    String summary();

    /**
     * Whether the rule also judges statements inside function bodies, which run only when the function is called
     * (most rules judge only what the migration itself runs).
     */
    default boolean readsFunctionBodies() {
        return false;
    }

    /** Judges a statement. */
    void check(StatementCheck check);

}
