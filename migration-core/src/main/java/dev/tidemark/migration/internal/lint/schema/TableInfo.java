package dev.tidemark.migration.internal.lint.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.internal.lint.parse.TypeName;

/**
 * A table as the schema model knows it. Mutable: the model changes it as it replays statements. Not thread-safe.
 */
public final class TableInfo {

    private final String key;

    private final Map<String, ColumnInfo> columns = new LinkedHashMap<>();

    private final Map<String, ConstraintInfo> constraints = new LinkedHashMap<>();

    TableInfo(String key) {
        this.key = key;
    }

    /** The table's key, {@code schema.name}. */
    public String key() {
        return this.key;
    }

    /** The column, if known. */
    public Optional<ColumnInfo> column(String name) {
        return Optional.ofNullable(this.columns.get(name));
    }

    /** The columns, in order. */
    public List<ColumnInfo> columnsInOrder() {
        return List.copyOf(this.columns.values());
    }

    /** The constraints, in the order they were added. */
    public List<ConstraintInfo> constraints() {
        return List.copyOf(this.constraints.values());
    }

    /** The constraint, if known. */
    public Optional<ConstraintInfo> constraint(String name) {
        return Optional.ofNullable(this.constraints.get(name));
    }

    /** The foreign keys this table holds. */
    public List<ConstraintInfo> foreignKeys() {
        List<ConstraintInfo> keys = new ArrayList<>();
        for (ConstraintInfo constraint : this.constraints.values()) {
            if (constraint.foreignKey()) {
                keys.add(constraint);
            }
        }
        return keys;
    }

    void putColumn(String name, TypeName type, boolean notNull) {
        this.columns.put(name, new ColumnInfo(name, type, notNull));
    }

    void removeColumn(String name) {
        this.columns.remove(name);
        this.constraints.values().removeIf((constraint) -> constraint.columns().contains(name));
    }

    void renameColumn(String from, String to) {
        ColumnInfo column = this.columns.remove(from);
        if (column != null) {
            this.columns.put(to, new ColumnInfo(to, column.type(), column.notNull()));
        }
    }

    void setNotNull(String name, boolean notNull) {
        ColumnInfo column = this.columns.get(name);
        if (column != null) {
            this.columns.put(name, new ColumnInfo(name, column.type(), notNull));
        }
    }

    void setType(String name, TypeName type) {
        ColumnInfo column = this.columns.get(name);
        this.columns.put(name, new ColumnInfo(name, type, column != null && column.notNull()));
    }

    void putConstraint(ConstraintInfo constraint) {
        this.constraints.put(constraint.name(), constraint);
    }

    void removeConstraint(String name) {
        this.constraints.remove(name);
    }

    /**
     * A column as the model knows it.
     *
     * @param name the column's name
     * @param type its type
     * @param notNull whether it is NOT NULL
     */
    public record ColumnInfo(String name, TypeName type, boolean notNull) {
    }

    /**
     * A constraint as the model knows it.
     *
     * @param name its name
     * @param kind {@code c} check, {@code f} foreign key, {@code u} unique, {@code p} primary key, {@code x}
     *        exclusion, as {@code pg_constraint.contype}
     * @param columns the constrained columns
     * @param check the condition of a CHECK, normalized (see {@link NotNullProof}), or {@code null}
     * @param validated whether existing rows were checked
     * @param references the key of the table a foreign key references, or {@code null}
     */
    public record ConstraintInfo(String name, char kind, List<String> columns, @Nullable String check,
            boolean validated, @Nullable String references) {

        /** Copies the list. */
        public ConstraintInfo {
            columns = List.copyOf(columns);
        }

        /** Whether it is a foreign key. */
        public boolean foreignKey() {
            return this.kind == 'f';
        }

        /** The same constraint, validated. */
        ConstraintInfo validatedNow() {
            return new ConstraintInfo(this.name, this.kind, this.columns, this.check, true, this.references);
        }
    }

}
