/**
 * The safety linter's {@code tidemark.lint.*} properties, applied to the core configuration: pending migrations are
 * linted before startup applies them.
 */
@NullMarked
package dev.tidemark.autoconfigure.lint;

import org.jspecify.annotations.NullMarked;
