package dev.tidemark.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.TidemarkException;

/** Explains a database server Tidemark does not run on (PostgreSQL older than 14). */
class UnsupportedDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<TidemarkException> {

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, TidemarkException cause) {
        if (cause.errorCode() != ErrorCode.UNSUPPORTED_DATABASE) {
            return null;
        }
        return new FailureAnalysis(String.valueOf(cause.getMessage()),
                "Upgrade the database to PostgreSQL 14 or newer, or point spring.datasource.url (or the "
                        + "@TidemarkDataSource) at one.", cause);
    }

}
