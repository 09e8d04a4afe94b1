/**
 * Tidemark's public API: the {@link dev.tidemark.migration.Tidemark} facade, its immutable
 * {@link dev.tidemark.migration.TidemarkConfiguration}, the value types it returns and the exceptions
 * it throws. Everything under {@code dev.tidemark.migration.internal} may change without notice.
 */
@NullMarked
package dev.tidemark.migration;

import org.jspecify.annotations.NullMarked;
