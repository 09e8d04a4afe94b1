package dev.tidemark.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tidemark.migration.StatementFailedException;

/** Explains a migration statement that PostgreSQL rejected. */
class StatementFailedFailureAnalyzer extends AbstractFailureAnalyzer<StatementFailedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StatementFailedException cause) {
        return new FailureAnalysis("A statement of migration " + cause.script()
                + ((cause.line() > 0) ? " (line " + cause.line() + ")" : "") + " failed"
                + ((cause.sqlState() != null) ? " with SQL state " + cause.sqlState() : "") + ":\n\n    "
                + cause.getMessage(),
                "Fix the statement in a way that keeps the file's history honest: if the migration was never applied "
                        + "anywhere, edit it; otherwise add a new migration. A transactional migration left nothing "
                        + "behind; a non-transactional one resumes at the failed statement on the next start.",
                cause);
    }

}
