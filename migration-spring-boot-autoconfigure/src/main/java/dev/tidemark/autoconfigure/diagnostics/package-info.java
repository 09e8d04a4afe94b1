/**
 * Failure analyzers that turn each Tidemark startup failure into a description and an action.
 */
@NullMarked
package dev.tidemark.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
