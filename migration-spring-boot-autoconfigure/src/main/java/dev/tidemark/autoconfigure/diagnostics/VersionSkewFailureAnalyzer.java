package dev.tidemark.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tidemark.migration.VersionSkewException;

/** Explains code that is older than the schema it would run against. */
class VersionSkewFailureAnalyzer extends AbstractFailureAnalyzer<VersionSkewException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, VersionSkewException cause) {
        return new FailureAnalysis("Tidemark refused to start code version " + cause.codeVersion()
                + " because the schema has moved past it:\n\n    " + cause.getMessage(),
                "Deploy release " + cause.contracted().release() + " or newer. An older release cannot be rolled "
                        + "back to once a CONTRACT of a newer one ran; check tidemark.code-version if this instance "
                        + "is in fact newer.",
                cause);
    }

}
