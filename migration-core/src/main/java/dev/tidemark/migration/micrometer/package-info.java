/**
 * Micrometer metrics for Tidemark, HikariCP style: {@link dev.tidemark.migration.micrometer.TidemarkMetrics}
 * is a {@link dev.tidemark.migration.MigrationListener} that records events as meters. Micrometer is an
 * optional dependency; nothing else in Tidemark's core refers to it.
 */
@NullMarked
package dev.tidemark.migration.micrometer;

import org.jspecify.annotations.NullMarked;
