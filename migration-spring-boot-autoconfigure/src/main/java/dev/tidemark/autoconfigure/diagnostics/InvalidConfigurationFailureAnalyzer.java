package dev.tidemark.autoconfigure.diagnostics;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tidemark.autoconfigure.MissingCodeVersionException;
import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.InvalidConfigurationException;
import dev.tidemark.migration.TidemarkException;

/**
 * Explains an invalid or incomplete Tidemark configuration, naming the {@code tidemark.*} property to
 * change where there is one.
 */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<TidemarkException> {

    /** Options set in code only (the data source, customizers), which no property sets. */
    private static final Set<String> WITHOUT_PROPERTY = Set.of("dataSource", "classLoader", "host", "javaMigrations");

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, TidemarkException cause) {
        if (cause.errorCode() != ErrorCode.INVALID_CONFIGURATION) {
            return null;
        }
        if (cause instanceof MissingCodeVersionException) {
            return new FailureAnalysis(cause.getMessage(),
                    "Set tidemark.code-version to the version of this build (for example from an environment variable "
                            + "TIDEMARK_CODE_VERSION set by your deployment), or add the build-info goal of "
                            + "spring-boot-maven-plugin so that Spring Boot provides BuildProperties.",
                    cause);
        }
        String action = "Update the tidemark.* properties in your application's configuration, or the "
                + "TidemarkConfigurationCustomizer that sets this option.";
        if (cause instanceof InvalidConfigurationException invalid && !WITHOUT_PROPERTY.contains(invalid.option())) {
            action = "Update " + property(invalid.option()) + " in your application's configuration.";
        }
        return new FailureAnalysis("Invalid Tidemark configuration:\n\n    " + cause.getMessage(), action, cause);
    }

    /** Options whose property sits in a group rather than at the top level. */
    private static final Map<String, String> GROUPED = Map.of("fleetExpected", "tidemark.fleet.expected",
            "settleDelay", "tidemark.fleet.settle-delay", "evidenceRetention", "tidemark.fleet.evidence-retention");

    /** The property of a builder option: lockTimeout is tidemark.lock-timeout, settleDelay is tidemark.fleet.settle-delay. */
    static String property(String option) {
        String grouped = GROUPED.get(option);
        return (grouped != null) ? grouped
                : "tidemark." + option.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

}
