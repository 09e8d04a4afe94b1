package dev.tidemark.autoconfigure;

import dev.tidemark.migration.Tidemark;

/**
 * Replaces what Tidemark does during context refresh. Without a bean of this type Tidemark runs
 * {@link Tidemark#expand()}: it refuses to start code older than the schema and applies the EXPAND
 * migrations this code version allows, leaving MIGRATE and CONTRACT to background reconciliation.
 * A strategy could, for example, only {@link Tidemark#validate() validate}, or apply nothing and leave
 * migrations to a deployment job.
 */
@FunctionalInterface
public interface TidemarkMigrationStrategy {

    /**
     * Runs the startup migration step.
     * @param tidemark the configured facade
     */
    void migrate(Tidemark tidemark);

}
