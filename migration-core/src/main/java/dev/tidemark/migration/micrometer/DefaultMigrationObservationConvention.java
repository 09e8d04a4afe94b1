package dev.tidemark.migration.micrometer;

import java.util.Locale;

import io.micrometer.common.KeyValues;

import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.micrometer.TidemarkObservationDocumentation.MigrationHighCardinalityKeys;
import dev.tidemark.migration.micrometer.TidemarkObservationDocumentation.MigrationKeys;

/**
 * The default naming of migration observations: {@code tidemark.migration.execution} (apart from the
 * {@code tidemark.migration.duration} timer that {@link TidemarkMetrics} records), spans named like
 * {@code tidemark.migration V12 expand}. The version, release and script are high-cardinality key
 * values only: they grow with every release, so they must never become metric tags. Thread-safe.
 */
public class DefaultMigrationObservationConvention implements MigrationObservationConvention {

    /** The observation name, and so the timer's. */
    public static final String NAME = "tidemark.migration.execution";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(MigrationObservationContext context) {
        MigrationInfo migration = context.migration();
        return "tidemark.migration V" + migration.version() + " " + phase(migration);
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(MigrationObservationContext context) {
        return KeyValues.of(MigrationKeys.PHASE.withValue(phase(context.migration())),
                MigrationKeys.OUTCOME.withValue(context.outcome()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(MigrationObservationContext context) {
        MigrationInfo migration = context.migration();
        return KeyValues.of(MigrationHighCardinalityKeys.VERSION.withValue(migration.version().toString()),
                MigrationHighCardinalityKeys.RELEASE.withValue(migration.release().toString()),
                MigrationHighCardinalityKeys.SCRIPT.withValue(migration.script()));
    }

    private static String phase(MigrationInfo migration) {
        return migration.phase().name().toLowerCase(Locale.ROOT);
    }

}
