/**
 * The safety linter: judges migration scripts, statement by statement and knowing their phase, against the rules
 * of {@code shared/lint-rules.md}, with schema knowledge from earlier migrations and, when connected, from the
 * database's catalog; reads {@code -- tidemark:allow} suppressions; and traces what statements really lock and
 * rewrite on a test database.
 */
@NullMarked
package dev.tidemark.migration.internal.lint;

import org.jspecify.annotations.NullMarked;
