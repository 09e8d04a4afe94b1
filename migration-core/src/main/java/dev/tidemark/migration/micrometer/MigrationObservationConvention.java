package dev.tidemark.migration.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags observations of single migrations; implement it to change what {@link DefaultMigrationObservationConvention} does. */
public interface MigrationObservationConvention extends ObservationConvention<MigrationObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof MigrationObservationContext;
    }

}
