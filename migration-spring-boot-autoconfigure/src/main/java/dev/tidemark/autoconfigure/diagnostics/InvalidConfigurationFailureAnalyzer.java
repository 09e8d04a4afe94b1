package dev.tidemark.autoconfigure.diagnostics;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tidemark.autoconfigure.MissingCodeVersionException;
import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.TidemarkException;

/**
 * Explains an invalid or incomplete Tidemark configuration, naming the {@code tidemark.*} property to
 * change where it can tell.
 */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<TidemarkException> {

    // The core names the option as a builder method, e.g. "Tidemark option 'lockTimeout' must be ...". Reading
    // it back is best effort: when the wording changes, the action just gets less specific.
    private static final Pattern OPTION = Pattern.compile("option '([A-Za-z]+)'");

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
        String property = property(cause.getMessage());
        String action = (property != null) ? "Update " + property + " in your application's configuration."
                : "Update the tidemark.* properties in your application's configuration (option names map to "
                        + "properties in kebab case, e.g. lockTimeout to tidemark.lock-timeout).";
        return new FailureAnalysis("Invalid Tidemark configuration:\n\n    " + cause.getMessage(), action, cause);
    }

    private static @Nullable String property(@Nullable String message) {
        Matcher matcher = OPTION.matcher(String.valueOf(message));
        if (!matcher.find() || matcher.group(1).equals("dataSource") || matcher.group(1).equals("host")) {
            return null;
        }
        return "tidemark." + matcher.group(1).replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

}
