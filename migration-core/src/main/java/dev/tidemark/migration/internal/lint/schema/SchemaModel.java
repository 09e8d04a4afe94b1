package dev.tidemark.migration.internal.lint.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.ColumnDef;
import dev.tidemark.migration.internal.lint.parse.ConstraintDef;
import dev.tidemark.migration.internal.lint.parse.Name;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement.ObjectKind;

/**
 * The schema as the linter knows it at one point of a migration sequence: tables (columns, constraints with their
 * validity), indexes, other objects by kind, and function volatility. It starts empty or from a database's
 * catalog ({@link CatalogReader}) and follows each statement the linter reads ({@link #apply}), so that a rule
 * always sees what existed before the statement it judges. Names are keys {@code schema.name}, an unqualified name
 * in the default schema. Not thread-safe.
 */
public final class SchemaModel {

    private final String defaultSchema;

    private final Map<String, TableInfo> tables = new HashMap<>();

    private final Map<String, IndexInfo> indexes = new HashMap<>();

    private final Map<String, ObjectKind> objects = new HashMap<>();

    private final Volatility volatility = new Volatility();

    /** Creates an empty model. */
    public SchemaModel(String defaultSchema) {
        this.defaultSchema = defaultSchema;
    }

    /** The schema of unqualified names. */
    public String defaultSchema() {
        return this.defaultSchema;
    }

    /** The key of a name. */
    public String key(Name name) {
        return name.key(this.defaultSchema);
    }

    /** The table, if the model knows it. */
    public Optional<TableInfo> table(Name name) {
        return Optional.ofNullable(this.tables.get(key(name)));
    }

    /** The table with this key, if the model knows it. */
    public Optional<TableInfo> table(String key) {
        return Optional.ofNullable(this.tables.get(key));
    }

    /** The index, if the model knows it. */
    public Optional<IndexInfo> index(Name name) {
        return Optional.ofNullable(this.indexes.get(key(name)));
    }

    /** The indexes of a table. */
    public List<IndexInfo> indexesOf(String tableKey) {
        return this.indexes.values().stream().filter((index) -> index.table().equals(tableKey)).toList();
    }

    /** The kind of the object with this name (TABLE, VIEW, MATERIALIZED VIEW, INDEX, SEQUENCE, ...), if known. */
    public Optional<ObjectKind> kindOf(Name name) {
        String key = key(name);
        if (this.tables.containsKey(key)) {
            return Optional.of(ObjectKind.TABLE);
        }
        if (this.indexes.containsKey(key)) {
            return Optional.of(ObjectKind.INDEX);
        }
        return Optional.ofNullable(this.objects.get(key));
    }

    /** The function volatility the model knows. */
    public Volatility volatility() {
        return this.volatility;
    }

    /** The keys of the tables with a foreign key that references the table. */
    public List<String> tablesReferencing(String tableKey) {
        List<String> referencing = new ArrayList<>();
        for (TableInfo table : this.tables.values()) {
            if (table.foreignKeys().stream().anyMatch((key) -> tableKey.equals(key.references()))) {
                referencing.add(table.key());
            }
        }
        return referencing;
    }

    /** Follows a statement: what it creates, changes or drops. */
    public void apply(ParsedStatement statement) {
        if (statement instanceof ParsedStatement.CreateTable create) {
            createTable(create);
        }
        else if (statement instanceof ParsedStatement.CreateIndex create) {
            String table = key(create.table());
            String name = (create.index() != null) ? key(create.index())
                    : schemaOf(table) + "." + create.table().name() + "_" + String.join("_", create.columns()) + "_idx";
            if (!(create.ifNotExists() && this.indexes.containsKey(name))) {
                this.indexes.put(name, new IndexInfo(name, table, create.columns(), create.unique()));
            }
        }
        else if (statement instanceof ParsedStatement.CreateObject create) {
            this.objects.putIfAbsent(key(create.name()), create.kind());
        }
        else if (statement instanceof ParsedStatement.CreateFunction function) {
            this.volatility.put(function.name().name(), function.volatility());
            this.objects.put(key(function.name()), ObjectKind.FUNCTION);
        }
        else if (statement instanceof ParsedStatement.Drop drop) {
            drop.names().forEach((name) -> drop(drop.kind(), name));
        }
        else if (statement instanceof ParsedStatement.AlterTable alter) {
            alter(alter);
        }
    }

    private void createTable(ParsedStatement.CreateTable create) {
        String key = key(create.name());
        if (create.ifNotExists() && this.tables.containsKey(key)) {
            return;
        }
        TableInfo table = new TableInfo(key);
        this.tables.put(key, table);
        for (ColumnDef column : create.columns()) {
            addColumn(table, column);
        }
        for (ConstraintDef constraint : create.constraints()) {
            addConstraint(table, constraint);
        }
    }

    private void alter(ParsedStatement.AlterTable alter) {
        String key = key(alter.table());
        if (alter.kind() == ObjectKind.INDEX) {
            for (AlterAction action : alter.actions()) {
                if (action instanceof AlterAction.RenameTo rename) {
                    IndexInfo index = this.indexes.remove(key);
                    if (index != null) {
                        String renamed = schemaOf(key) + "." + rename.to();
                        this.indexes.put(renamed, new IndexInfo(renamed, index.table(), index.columns(), index.unique()));
                    }
                }
            }
            return;
        }
        if (alter.kind() != ObjectKind.TABLE || this.objects.containsKey(key)) {
            renameObject(key, alter);
            return;
        }
        // A table no migration created and no catalog showed is still a table: what the statement says is kept.
        TableInfo table = this.tables.computeIfAbsent(key, TableInfo::new);
        for (AlterAction action : alter.actions()) {
            if (action instanceof AlterAction.AddColumn add) {
                if (!(add.ifNotExists() && table.column(add.column().name()).isPresent())) {
                    addColumn(table, add.column());
                }
            }
            else if (action instanceof AlterAction.DropColumn drop) {
                table.removeColumn(drop.column());
            }
            else if (action instanceof AlterAction.AlterColumnType change) {
                table.setType(change.column(), change.type());
            }
            else if (action instanceof AlterAction.SetNotNull set) {
                table.setNotNull(set.column(), true);
            }
            else if (action instanceof AlterAction.DropNotNull drop) {
                table.setNotNull(drop.column(), false);
            }
            else if (action instanceof AlterAction.AddConstraint add) {
                addConstraint(table, add.constraint());
            }
            else if (action instanceof AlterAction.ValidateConstraint validate) {
                table.constraint(validate.constraint()).ifPresent((c) -> table.putConstraint(c.validatedNow()));
            }
            else if (action instanceof AlterAction.DropConstraint drop) {
                table.removeConstraint(drop.constraint());
            }
            else if (action instanceof AlterAction.RenameColumn rename) {
                table.renameColumn(rename.from(), rename.to());
            }
            else if (action instanceof AlterAction.RenameTo rename) {
                renameTable(key, schemaOf(key) + "." + rename.to());
                return;
            }
        }
    }

    private void renameObject(String key, ParsedStatement.AlterTable alter) {
        for (AlterAction action : alter.actions()) {
            if (action instanceof AlterAction.RenameTo rename) {
                ObjectKind kind = this.objects.remove(key);
                if (kind != null) {
                    this.objects.put(schemaOf(key) + "." + rename.to(), kind);
                }
            }
        }
    }

    private void renameTable(String from, String to) {
        TableInfo old = this.tables.remove(from);
        if (old == null) {
            return;
        }
        TableInfo renamed = new TableInfo(to);
        old.columnsInOrder().forEach((column) -> renamed.putColumn(column.name(), column.type(), column.notNull()));
        old.constraints().forEach(renamed::putConstraint);
        this.tables.put(to, renamed);
        for (IndexInfo index : List.copyOf(this.indexes.values())) {
            if (index.table().equals(from)) {
                this.indexes.put(index.key(), new IndexInfo(index.key(), to, index.columns(), index.unique()));
            }
        }
    }

    private void addColumn(TableInfo table, ColumnDef column) {
        table.putColumn(column.name(), column.type(), column.notNull());
        for (ConstraintDef constraint : column.constraints()) {
            addConstraint(table, constraint);
        }
    }

    private void addConstraint(TableInfo table, ConstraintDef constraint) {
        String tableName = table.key().substring(table.key().indexOf('.') + 1);
        String column = constraint.columns().isEmpty() ? "" : "_" + constraint.columns().get(0);
        char kind = switch (constraint.kind()) {
            case CHECK -> 'c';
            case FOREIGN_KEY -> 'f';
            case UNIQUE -> 'u';
            case PRIMARY_KEY -> 'p';
            case EXCLUDE -> 'x';
            case NOT_NULL -> 'n';
        };
        String name = (constraint.name() != null) ? constraint.name() : switch (kind) {
            case 'c' -> tableName + column + "_check";
            case 'f' -> tableName + column + "_fkey";
            case 'u' -> tableName + column + "_key";
            case 'p' -> tableName + "_pkey";
            case 'n' -> tableName + column + "_not_null";
            default -> tableName + column + "_excl";
        };
        List<String> columns = constraint.columns();
        if (constraint.usingIndex() != null) {
            IndexInfo index = this.indexes.remove(schemaOf(table.key()) + "." + constraint.usingIndex());
            columns = (index != null) ? index.columns() : columns;
        }
        String check = (constraint.check() != null) ? constraint.check().text() : null;
        String references = (constraint.references() != null) ? key(constraint.references()) : null;
        table.putConstraint(new TableInfo.ConstraintInfo(name, kind, columns, check, !constraint.notValid(), references));
        if (kind == 'p' || kind == 'n') {
            columns.forEach((c) -> table.setNotNull(c, true));
        }
        if (kind == 'p' || kind == 'u') {
            String indexKey = schemaOf(table.key()) + "." + name;
            this.indexes.put(indexKey, new IndexInfo(indexKey, table.key(), columns, true));
        }
    }

    private void drop(ObjectKind kind, Name name) {
        String key = key(name);
        switch (kind) {
            case TABLE, FOREIGN_TABLE -> {
                this.tables.remove(key);
                this.indexes.values().removeIf((index) -> index.table().equals(key));
            }
            case INDEX -> this.indexes.remove(key);
            default -> this.objects.remove(key);
        }
    }

    private static String schemaOf(String key) {
        return key.substring(0, key.indexOf('.'));
    }

    /** Adds a table read from the catalog. */
    TableInfo catalogTable(String key) {
        return this.tables.computeIfAbsent(key, TableInfo::new);
    }

    /** Adds an index read from the catalog. */
    void catalogIndex(IndexInfo index) {
        this.indexes.put(index.key(), index);
    }

    /** Adds another relation or object read from the catalog. */
    void catalogObject(String key, ObjectKind kind) {
        this.objects.put(key, kind);
    }

    /**
     * An index as the model knows it.
     *
     * @param key its key, {@code schema.name}
     * @param table the key of its table
     * @param columns its plain columns, in order
     * @param unique whether it is unique
     */
    public record IndexInfo(String key, String table, List<String> columns, boolean unique) {

        /** Copies the list. */
        public IndexInfo {
            columns = List.copyOf(columns);
        }
    }

    @Override
    public String toString() {
        return "SchemaModel[" + this.tables.size() + " tables, " + this.indexes.size() + " indexes]";
    }

}
