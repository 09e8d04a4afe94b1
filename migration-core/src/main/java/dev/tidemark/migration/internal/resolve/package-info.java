/**
 * Internal: finds migrations in locations and reads their names, directives and checksums.
 */
@NullMarked
package dev.tidemark.migration.internal.resolve;

import org.jspecify.annotations.NullMarked;
