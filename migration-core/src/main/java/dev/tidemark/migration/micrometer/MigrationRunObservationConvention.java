package dev.tidemark.migration.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags observations of migration runs; implement it to change what {@link DefaultMigrationRunObservationConvention} does. */
public interface MigrationRunObservationConvention extends ObservationConvention<MigrationRunObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof MigrationRunObservationContext;
    }

}
