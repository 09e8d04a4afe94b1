package dev.tidemark.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.InvalidMigrationException;

/** Explains a migration file that cannot be read: its name, a directive, its SQL, or a duplicate version. */
class InvalidMigrationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMigrationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidMigrationException cause) {
        String where = (cause.line() > 0) ? cause.script() + " at line " + cause.line() : cause.script();
        String action = (cause.errorCode() == ErrorCode.DUPLICATE_VERSION)
                ? "Give one of the migrations the next free version; versions are unique across all releases."
                : "Fix " + where + " as the description says. File names follow V<version>__<phase>__<description>.sql "
                        + "with phase expand, migrate or contract, inside a folder named after the release.";
        return new FailureAnalysis("Tidemark could not read a migration, so nothing was migrated:\n\n    "
                + cause.getMessage(), action, cause);
    }

}
