/**
 * The lint rules, one class each, and what they see of a statement ({@link
 * dev.tidemark.migration.internal.lint.rules.StatementCheck}) and of the file around it ({@link
 * dev.tidemark.migration.internal.lint.rules.FileState}). {@link dev.tidemark.migration.internal.lint.rules.Rules}
 * lists them with their ids and default severities.
 */
@NullMarked
package dev.tidemark.migration.internal.lint.rules;

import org.jspecify.annotations.NullMarked;
