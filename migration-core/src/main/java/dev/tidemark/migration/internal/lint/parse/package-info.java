/**
 * Reads the PostgreSQL statements the safety linter judges into a small syntax tree: {@code CREATE TABLE},
 * {@code CREATE INDEX}, multi-action {@code ALTER TABLE}, {@code DROP}, {@code TRUNCATE}, {@code LOCK},
 * maintenance commands, {@code UPDATE}/{@code DELETE}, {@code DO} blocks, functions and transaction control;
 * anything else is an {@link dev.tidemark.migration.internal.lint.parse.ParsedStatement.Other}. Built on the
 * project's lexer, so quoting, dollar quotes and comments between tokens follow PostgreSQL's own rules. The
 * parser never fails: what it cannot read it leaves unjudged. Pure functions over text.
 */
@NullMarked
package dev.tidemark.migration.internal.lint.parse;

import org.jspecify.annotations.NullMarked;
