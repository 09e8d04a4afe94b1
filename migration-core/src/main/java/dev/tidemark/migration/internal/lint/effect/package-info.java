/**
 * What a statement does to the tables it touches, predicted from its text and the schema model: the lock it
 * takes on each, and which it rewrites or scans while holding that lock. The lint rules judge by it, and a
 * pre-flight report can size it against the catalog; the lock tracer observes the same three things on a real
 * database.
 */
@NullMarked
package dev.tidemark.migration.internal.lint.effect;

import org.jspecify.annotations.NullMarked;
