/**
 * Internal: the advisory lock that lets one instance migrate at a time.
 */
@NullMarked
package dev.tidemark.migration.internal.lock;

import org.jspecify.annotations.NullMarked;
