package dev.tidemark.migration.internal.lint.parse;

import org.jspecify.annotations.Nullable;

/** One action of a (possibly multi-action) {@code ALTER TABLE}. */
public sealed interface AlterAction {

    /** The line the action starts on. */
    int line();

    /** {@code ADD [COLUMN] [IF NOT EXISTS] column}. */
    record AddColumn(ColumnDef column, boolean ifNotExists, int line) implements AlterAction {
    }

    /** {@code DROP [COLUMN] [IF EXISTS] column}. */
    record DropColumn(String column, String writtenColumn, int line) implements AlterAction {
    }

    /** {@code ALTER [COLUMN] column [SET DATA] TYPE type [USING expression]}. */
    record AlterColumnType(String column, String writtenColumn, TypeName type, @Nullable Expr using, int line)
            implements AlterAction {
    }

    /** {@code ALTER [COLUMN] column SET NOT NULL}. */
    record SetNotNull(String column, String writtenColumn, int line) implements AlterAction {
    }

    /** {@code ALTER [COLUMN] column DROP NOT NULL}. */
    record DropNotNull(String column, int line) implements AlterAction {
    }

    /** {@code ALTER [COLUMN] column SET DEFAULT expression}. */
    record SetDefault(String column, Expr value, int line) implements AlterAction {
    }

    /** {@code ALTER [COLUMN] column DROP DEFAULT}. */
    record DropDefault(String column, String writtenColumn, int line) implements AlterAction {
    }

    /** {@code ADD [CONSTRAINT name] ...}. */
    record AddConstraint(ConstraintDef constraint, int line) implements AlterAction {
    }

    /** {@code VALIDATE CONSTRAINT name}. */
    record ValidateConstraint(String constraint, String writtenConstraint, int line) implements AlterAction {
    }

    /** {@code DROP CONSTRAINT [IF EXISTS] name}. */
    record DropConstraint(String constraint, int line) implements AlterAction {
    }

    /** {@code RENAME [COLUMN] from TO to}. */
    record RenameColumn(String from, String writtenFrom, String to, String writtenTo, int line) implements AlterAction {
    }

    /** {@code RENAME TO name}. */
    record RenameTo(String to, String writtenTo, int line) implements AlterAction {
    }

    /** {@code DETACH PARTITION name [CONCURRENTLY | FINALIZE]}. */
    record DetachPartition(Name partition, boolean concurrently, int line) implements AlterAction {
    }

    /** Any other action, such as {@code SET (fillfactor = 70)} or {@code OWNER TO}; the first words say which. */
    record Other(String keywords, int line) implements AlterAction {
    }

}
