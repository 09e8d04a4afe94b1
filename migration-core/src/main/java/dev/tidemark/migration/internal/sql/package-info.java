/**
 * The SQL lexer: splits a migration script into statements following PostgreSQL's lexical rules, and
 * classifies statements (may it run in a transaction, is it transaction control, is it
 * {@code COPY ... FROM STDIN}). Pure functions over text; nothing here talks to a database.
 */
@NullMarked
package dev.tidemark.migration.internal.sql;

import org.jspecify.annotations.NullMarked;
