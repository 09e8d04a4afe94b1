/**
 * Internal: the history table: creating, reading and writing it.
 */
@NullMarked
package dev.tidemark.migration.internal.history;

import org.jspecify.annotations.NullMarked;
