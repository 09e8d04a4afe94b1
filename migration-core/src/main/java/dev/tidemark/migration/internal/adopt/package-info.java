/**
 * Internal: taking over a schema that Flyway, or no tool, managed before Tidemark.
 */
@NullMarked
package dev.tidemark.migration.internal.adopt;

import org.jspecify.annotations.NullMarked;
