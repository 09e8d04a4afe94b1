package dev.tidemark.migration;

import org.jspecify.annotations.Nullable;

/**
 * How Tidemark takes over a schema that Flyway, or no tool, managed before (README, "Coming from Flyway" and
 * "Adopting an existing database"). Validated when built.
 *
 * @param baselineRelease the release of migrations whose file is named the Flyway way ({@code V1__x.sql},
 *        {@code R__x.sql}) and gives none in a {@code -- tidemark:release} directive, and of the rows Tidemark
 *        imports or records when it takes a schema over; {@code 0} by default, older than any code, so that
 *        such migrations are EXPAND migrations every instance may apply
 * @param flywayHistoryTable the name of Flyway's history table in Tidemark's schema, imported on the first
 *        start when Tidemark has no history yet; {@code flyway_schema_history} by default
 * @param baselineVersion the version up to which the schema is taken as it is: on the first start, when the
 *        schema holds tables but no history, a baseline row records it, and migrations up to it count as applied
 *        without running; {@code null} (the default) for none
 */
public record AdoptionSettings(Version baselineRelease, String flywayHistoryTable, @Nullable Version baselineVersion) {

    /** Release 0, Flyway's default table name, no baseline. */
    public static final AdoptionSettings DEFAULTS = new AdoptionSettings(Version.parse("0"), "flyway_schema_history", null);

    /**
     * Validates the values.
     * @throws InvalidConfigurationException naming the option at fault
     */
    public AdoptionSettings {
        if (baselineRelease == null) {
            throw new InvalidConfigurationException("baselineRelease", "must not be null; the default is 0");
        }
        Options.identifier("flywayHistoryTable", flywayHistoryTable, 0);
    }

}
