package dev.tidemark.migration.micrometer;

import java.util.Locale;

import io.micrometer.common.KeyValues;

import dev.tidemark.migration.MigrateResult;
import dev.tidemark.migration.micrometer.TidemarkObservationDocumentation.RunHighCardinalityKeys;
import dev.tidemark.migration.micrometer.TidemarkObservationDocumentation.RunKeys;

/**
 * The default naming of run observations: {@code tidemark.run}, spans named {@code tidemark expand},
 * {@code tidemark reconcile}, {@code tidemark migrate} or {@code tidemark apply forced}. Thread-safe.
 */
public class DefaultMigrationRunObservationConvention implements MigrationRunObservationConvention {

    /** The observation name, and so the timer's. */
    public static final String NAME = "tidemark.run";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(MigrationRunObservationContext context) {
        return switch (context.trigger()) {
            case STARTUP -> "tidemark expand";
            case RECONCILE -> "tidemark reconcile";
            case REQUEST -> "tidemark migrate";
            case FORCED -> "tidemark apply forced";
        };
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(MigrationRunObservationContext context) {
        return KeyValues.of(RunKeys.TRIGGER.withValue(context.trigger().name().toLowerCase(Locale.ROOT)),
                RunKeys.OUTCOME.withValue(context.outcome()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(MigrationRunObservationContext context) {
        MigrateResult result = context.result();
        if (result == null) {
            return KeyValues.empty();
        }
        return KeyValues.of(RunHighCardinalityKeys.APPLIED.withValue(String.valueOf(result.appliedCount())),
                RunHighCardinalityKeys.DEFERRED.withValue(String.valueOf(result.deferred().size())));
    }

}
