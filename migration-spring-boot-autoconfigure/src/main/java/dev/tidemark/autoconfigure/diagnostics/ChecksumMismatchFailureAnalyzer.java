package dev.tidemark.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tidemark.migration.ChecksumMismatchException;

/** Explains an applied migration whose file was edited afterwards. */
class ChecksumMismatchFailureAnalyzer extends AbstractFailureAnalyzer<ChecksumMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ChecksumMismatchException cause) {
        return new FailureAnalysis("Tidemark refused to start because an applied migration was changed:\n\n    "
                + cause.getMessage() + "\n\nNothing was migrated.",
                "Restore " + cause.script() + " to the content it had when it was applied (checksum "
                        + cause.appliedChecksum() + ", e.g. from version control), and put the change into a new "
                        + "migration file with the next free version.",
                cause);
    }

}
