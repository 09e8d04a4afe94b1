package dev.tidemark.autoconfigure.lint;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.tidemark.migration.InvalidConfigurationException;
import dev.tidemark.migration.LintMode;
import dev.tidemark.migration.LintSettings;
import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.Version;

/**
 * The {@code tidemark.lint.*} properties. Defaults are {@link LintSettings#DEFAULTS}. Values are checked while they
 * are bound, by the core's own rules, so an unknown rule id stops startup with a report that names the property.
 */
@ConfigurationProperties("tidemark.lint")
public class TidemarkLintProperties implements Validator {

    /** What startup does with the pending migrations' findings: fail on errors, warn (log only), or off. */
    private LintMode mode = LintSettings.DEFAULTS.mode();

    /** Severity per rule id (error, warning or off), e.g. tidemark.lint.rules.json-type=error. */
    private Map<String, LintSeverity> rules = new LinkedHashMap<>();

    /** PostgreSQL major version to judge for; 0 for the connected server's. */
    private int targetVersion = LintSettings.DEFAULTS.targetVersion();

    /** Version at or below which migrations are not reported (still read for schema knowledge). */
    private @Nullable String startAfter;

    @Override
    public boolean supports(Class<?> type) {
        return TidemarkLintProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        TidemarkLintProperties properties = (TidemarkLintProperties) target;
        try {
            properties.settings();
        }
        catch (InvalidConfigurationException ex) {
            String field = switch (ex.option()) {
                case "lintSeverities" -> "rules";
                case "lintTargetVersion" -> "targetVersion";
                default -> "mode";
            };
            errors.rejectValue(field, "invalid", ex.problem());
        }
        catch (IllegalArgumentException ex) {
            errors.rejectValue("startAfter", "invalid", String.valueOf(ex.getMessage()));
        }
    }

    /** The core's lint settings. */
    LintSettings settings() {
        String after = this.startAfter;
        return new LintSettings(this.mode, this.rules, this.targetVersion,
                (after != null && !after.isBlank()) ? Version.parse(after) : null);
    }

    public LintMode getMode() {
        return this.mode;
    }

    public void setMode(LintMode mode) {
        this.mode = mode;
    }

    public Map<String, LintSeverity> getRules() {
        return this.rules;
    }

    public void setRules(Map<String, LintSeverity> rules) {
        this.rules = rules;
    }

    public int getTargetVersion() {
        return this.targetVersion;
    }

    public void setTargetVersion(int targetVersion) {
        this.targetVersion = targetVersion;
    }

    public @Nullable String getStartAfter() {
        return this.startAfter;
    }

    public void setStartAfter(@Nullable String startAfter) {
        this.startAfter = startAfter;
    }

}
