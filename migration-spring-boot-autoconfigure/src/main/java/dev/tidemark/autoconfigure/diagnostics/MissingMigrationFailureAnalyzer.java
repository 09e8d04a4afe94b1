package dev.tidemark.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tidemark.migration.MissingMigrationException;

/** Explains an applied migration that is no longer in the configured locations. */
class MissingMigrationFailureAnalyzer extends AbstractFailureAnalyzer<MissingMigrationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingMigrationException cause) {
        return new FailureAnalysis("Tidemark refused to start because an applied migration is missing:\n\n    "
                + cause.getMessage(),
                "Restore " + cause.script() + ", or check that tidemark.locations points at this application's "
                        + "migrations and that this is the database you meant.",
                cause);
    }

}
