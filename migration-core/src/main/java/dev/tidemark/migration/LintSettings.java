package dev.tidemark.migration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.internal.lint.rules.Rules;

/**
 * How the safety linter runs: whether pending migrations are linted before a run applies them and what an error
 * does then, the severity of each rule where it differs from the rule's default, the PostgreSQL version to judge
 * for, and which old migrations to leave alone. Validated when built.
 *
 * @param mode what a run does with the pending migrations' findings: {@link LintMode#FAIL} (the default) stops on an
 *        error before anything is applied, {@link LintMode#WARN} only logs, {@link LintMode#OFF} does not lint
 * @param severities severity overrides by rule id, e.g. {@code json-type=error}; rules not named keep their default
 * @param targetVersion the PostgreSQL major version to judge for; 0 (the default) means the connected server's, or
 *        14 without a database
 * @param startAfter migrations with a version at or below this one are read for schema knowledge but not reported
 *        (for adopting the linter on a project with unsafe old migrations); {@code null} reports all
 */
public record LintSettings(LintMode mode, Map<String, LintSeverity> severities, int targetVersion,
        @Nullable Version startAfter) {

    /** The defaults: fail on errors, every rule at its default severity, the server's version, report all. */
    public static final LintSettings DEFAULTS = new LintSettings(LintMode.FAIL, Map.of(), 0, null);

    /** The PostgreSQL version judged for when there is no database to ask. */
    public static final int DEFAULT_OFFLINE_VERSION = 14;

    /**
     * Validates the values and copies the map.
     * @throws InvalidConfigurationException naming the option at fault
     */
    public LintSettings {
        if (mode == null) {
            throw new InvalidConfigurationException("lintMode", "must not be null; use FAIL, WARN or OFF");
        }
        Objects.requireNonNull(severities, "severities");
        for (Map.Entry<String, LintSeverity> entry : severities.entrySet()) {
            if (Rules.defaultSeverity(entry.getKey()).isEmpty()) {
                throw new InvalidConfigurationException("lintSeverities", "names the unknown rule '" + entry.getKey()
                        + "'; known rules are " + String.join(", ", Rules.defaultSeverities().keySet()));
            }
            if (entry.getValue() == null) {
                throw new InvalidConfigurationException("lintSeverities", "gives no severity for rule '" + entry.getKey()
                        + "'; use error, warning or off");
            }
        }
        severities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(severities));
        if (targetVersion != 0 && (targetVersion < 10 || targetVersion > 99)) {
            throw new InvalidConfigurationException("lintTargetVersion", "must be a PostgreSQL major version such as 15, "
                    + "or 0 for the connected server's, but was " + targetVersion);
        }
    }

    /** The severity of a rule: the override, else the rule's default. */
    public LintSeverity severity(String rule) {
        LintSeverity override = this.severities.get(rule);
        return (override != null) ? override : Rules.defaultSeverity(rule).orElse(LintSeverity.ERROR);
    }

    /** Every rule id with its default severity, in the order the README lists them. */
    public static Map<String, LintSeverity> ruleDefaults() {
        return Rules.defaultSeverities();
    }

}
