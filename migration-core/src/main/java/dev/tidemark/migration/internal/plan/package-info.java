/**
 * Internal: the phase rules. Decides, without touching the database, which migrations a run applies
 * now and why every other one waits.
 */
@NullMarked
package dev.tidemark.migration.internal.plan;

import org.jspecify.annotations.NullMarked;
