/**
 * The lock tracer: runs migrations on a test database inside transactions that are rolled back, and records what
 * each statement locked, rewrote and scanned, for tests and for checking the linter's static rules against reality.
 */
@NullMarked
package dev.tidemark.migration.internal.lint.trace;

import org.jspecify.annotations.NullMarked;
