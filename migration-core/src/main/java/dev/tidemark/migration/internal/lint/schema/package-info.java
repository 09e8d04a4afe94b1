/**
 * What the linter knows about the schema a migration runs against: tables with their columns, constraints and
 * indexes, other relations, and function volatility. Built by replaying earlier migrations and, when connected,
 * read from the database's catalog.
 */
@NullMarked
package dev.tidemark.migration.internal.lint.schema;

import org.jspecify.annotations.NullMarked;
