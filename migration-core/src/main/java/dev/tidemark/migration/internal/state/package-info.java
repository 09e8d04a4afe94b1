/**
 * Internal: joins what the locations define with what the history recorded: validation and the
 * state of every migration.
 */
@NullMarked
package dev.tidemark.migration.internal.state;

import org.jspecify.annotations.NullMarked;
