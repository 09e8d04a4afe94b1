/**
 * Internal: runs the facade's commands: reads the history and the fleet, asks the planner, and applies
 * the plan under the migration lock; and the background reconciler.
 */
@NullMarked
package dev.tidemark.migration.internal.run;

import org.jspecify.annotations.NullMarked;
