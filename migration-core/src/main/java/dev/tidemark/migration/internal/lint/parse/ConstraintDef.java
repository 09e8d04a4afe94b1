package dev.tidemark.migration.internal.lint.parse;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A table or column constraint as written in {@code CREATE TABLE} or {@code ALTER TABLE ... ADD}.
 *
 * @param name the constraint's name, or {@code null} when PostgreSQL picks one
 * @param kind what it is
 * @param columns the constrained columns (for a column constraint, that column)
 * @param check the condition of a CHECK, or {@code null}
 * @param references the table a FOREIGN KEY references, or {@code null}
 * @param usingIndex the index a {@code UNIQUE}/{@code PRIMARY KEY ... USING INDEX} adopts, or {@code null}
 * @param notValid whether it is added {@code NOT VALID}
 * @param written the definition as written, without {@code CONSTRAINT name} and without {@code NOT VALID}, e.g.
 *        {@code FOREIGN KEY (customer_id) REFERENCES customers (id)}
 */
public record ConstraintDef(@Nullable String name, Kind kind, List<String> columns, @Nullable Expr check,
        @Nullable Name references, @Nullable String usingIndex, boolean notValid, String written) {

    /** What a constraint is. */
    public enum Kind {
        /** {@code CHECK (...)}. */
        CHECK,
        /** {@code FOREIGN KEY ... REFERENCES}, or a column's {@code REFERENCES}. */
        FOREIGN_KEY,
        /** {@code UNIQUE}. */
        UNIQUE,
        /** {@code PRIMARY KEY}. */
        PRIMARY_KEY,
        /** {@code EXCLUDE}. */
        EXCLUDE,
        /** A named {@code NOT NULL} constraint (PostgreSQL 18). */
        NOT_NULL
    }

    /** Copies the list. */
    public ConstraintDef {
        columns = List.copyOf(columns);
    }

    /** Whether PostgreSQL checks existing rows when this is added to a table (CHECK or FOREIGN KEY without NOT VALID). */
    public boolean validatesRows() {
        return (this.kind == Kind.CHECK || this.kind == Kind.FOREIGN_KEY) && !this.notValid;
    }

}
