package dev.tidemark.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tidemark.migration.InterruptedMigrationException;

/** Explains a non-transactional migration whose process died while a statement ran that cannot be checked. */
class InterruptedMigrationFailureAnalyzer extends AbstractFailureAnalyzer<InterruptedMigrationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InterruptedMigrationException cause) {
        return new FailureAnalysis("Migration " + cause.script() + " was interrupted at line " + cause.line()
                + ", and Tidemark cannot tell whether that statement completed:\n\n    " + cause.getMessage(),
                "Check the database as the message says, then edit only that statement (or remove it if it completed) "
                        + "and start again: the statements before it are recorded as completed and are not run again.",
                cause);
    }

}
