package dev.tidemark.migration.internal.lint.parse;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A column definition, in {@code CREATE TABLE} or {@code ALTER TABLE ... ADD COLUMN}.
 *
 * @param name the column's name, as stored
 * @param writtenName the column's name as written
 * @param type its type
 * @param notNull whether it is declared {@code NOT NULL} (or {@code PRIMARY KEY})
 * @param defaultValue its {@code DEFAULT}, or {@code null}
 * @param identity whether it is {@code GENERATED ... AS IDENTITY}
 * @param storedGenerated whether it is {@code GENERATED ALWAYS AS (...) STORED}
 * @param constraints its column constraints: CHECK, REFERENCES, UNIQUE, PRIMARY KEY
 */
public record ColumnDef(String name, String writtenName, TypeName type, boolean notNull, @Nullable Expr defaultValue,
        boolean identity, boolean storedGenerated, List<ConstraintDef> constraints) {

    /** Copies the list. */
    public ColumnDef {
        constraints = List.copyOf(constraints);
    }

    /** Whether PostgreSQL fills the column for existing rows: a default (not NULL), serial, identity or generated. */
    public boolean filledForExistingRows() {
        return (this.defaultValue != null && !this.defaultValue.isNull()) || this.type.isSerial() || this.identity
                || this.storedGenerated;
    }

    /** Whether a constraint of the kind is declared on the column. */
    public boolean has(ConstraintDef.Kind kind) {
        return this.constraints.stream().anyMatch((constraint) -> constraint.kind() == kind);
    }

}
