/**
 * Internal: runs one migration against the database, in or outside a transaction.
 */
@NullMarked
package dev.tidemark.migration.internal.execute;

import org.jspecify.annotations.NullMarked;
