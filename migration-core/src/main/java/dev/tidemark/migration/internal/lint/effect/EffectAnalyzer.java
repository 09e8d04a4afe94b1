package dev.tidemark.migration.internal.lint.effect;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import dev.tidemark.migration.LockLevel;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.ColumnDef;
import dev.tidemark.migration.internal.lint.parse.ConstraintDef;
import dev.tidemark.migration.internal.lint.parse.Name;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement.ObjectKind;
import dev.tidemark.migration.internal.lint.schema.SchemaModel;
import dev.tidemark.migration.internal.lint.schema.TableInfo;
import dev.tidemark.migration.internal.sql.LockClassifier;
import dev.tidemark.migration.internal.sql.SqlStatement;

/**
 * Predicts a statement's {@link StatementEffects} from its parsed form and the schema before it, following
 * PostgreSQL 14-18's documented lock levels and its rules for when {@code ALTER TABLE} rewrites or scans. Where
 * the model does not know a table's columns the answer leans to "rewrites"/"scans" only when the statement alone
 * implies it. Stateless and thread-safe.
 */
public final class EffectAnalyzer {

    private EffectAnalyzer() {
    }

    /**
     * The effects of a statement.
     * @param parsed the statement
     * @param statement its text, for the lock classifier
     * @param schema the schema before it
     * @param targetVersion the PostgreSQL major version (before 11 every column default rewrites)
     */
    public static StatementEffects of(ParsedStatement parsed, SqlStatement statement, SchemaModel schema,
            int targetVersion) {
        StatementEffects.Builder effects = new StatementEffects.Builder();
        if (parsed instanceof ParsedStatement.CreateTable create) {
            create.constraints().stream().filter((c) -> c.references() != null)
                .forEach((c) -> effects.lock(schema.key(c.references()), LockLevel.SHARE_ROW_EXCLUSIVE));
            create.columns().stream().flatMap((c) -> c.constraints().stream()).filter((c) -> c.references() != null)
                .forEach((c) -> effects.lock(schema.key(c.references()), LockLevel.SHARE_ROW_EXCLUSIVE));
        }
        else if (parsed instanceof ParsedStatement.CreateIndex create) {
            String table = schema.key(create.table());
            effects.lock(table, create.concurrently() ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.SHARE).scan(table);
        }
        else if (parsed instanceof ParsedStatement.CreateObject create && create.table() != null) {
            effects.lock(schema.key(create.table()), LockLevel.SHARE_ROW_EXCLUSIVE);
        }
        else if (parsed instanceof ParsedStatement.Drop drop) {
            drop(drop, schema, effects);
        }
        else if (parsed instanceof ParsedStatement.AlterTable alter) {
            alter(alter, statement, schema, targetVersion, effects);
        }
        else if (parsed instanceof ParsedStatement.Truncate truncate) {
            Set<String> tables = new LinkedHashSet<>();
            truncate.tables().forEach((name) -> tables.add(schema.key(name)));
            if (truncate.cascade()) {
                tables.addAll(referencingClosure(tables, schema));
            }
            tables.forEach((table) -> effects.lock(table, LockLevel.ACCESS_EXCLUSIVE).rewrite(table));
        }
        else if (parsed instanceof ParsedStatement.LockTable lock) {
            lock.tables().forEach((name) -> effects.lock(schema.key(name), lock.mode()));
        }
        else if (parsed instanceof ParsedStatement.Maintenance maintenance) {
            maintenance(maintenance, schema, effects);
        }
        else if (parsed instanceof ParsedStatement.Dml dml && dml.table() != null) {
            effects.lock(schema.key(dml.table()), LockLevel.ROW_EXCLUSIVE);
        }
        else if (parsed instanceof ParsedStatement.RefreshMaterializedView refresh) {
            String view = schema.key(refresh.view());
            effects.lock(view, refresh.concurrently() ? LockLevel.EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE).rewrite(view);
        }
        return effects.build();
    }

    private static void drop(ParsedStatement.Drop drop, SchemaModel schema, StatementEffects.Builder effects) {
        for (Name name : drop.names()) {
            if (drop.kind() == ObjectKind.INDEX) {
                // DROP INDEX takes ACCESS EXCLUSIVE on the index's table; CONCURRENTLY only SHARE UPDATE EXCLUSIVE.
                schema.index(name).ifPresent((index) -> effects.lock(index.table(),
                        drop.concurrently() ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE));
            }
            else if (drop.kind() == ObjectKind.TABLE) {
                String table = schema.key(name);
                effects.lock(table, LockLevel.ACCESS_EXCLUSIVE);
                // Its foreign keys' triggers live on the referenced tables, which are locked to drop them; CASCADE
                // also drops the foreign keys of tables that reference it.
                schema.table(table).ifPresent((info) -> info.foreignKeys().stream()
                    .map(TableInfo.ConstraintInfo::references).filter(java.util.Objects::nonNull)
                    .filter((references) -> !table.equals(references))
                    .forEach((references) -> effects.lock(String.valueOf(references), LockLevel.ACCESS_EXCLUSIVE)));
                if (drop.cascade()) {
                    schema.tablesReferencing(table).stream().filter((other) -> !other.equals(table))
                        .forEach((other) -> effects.lock(other, LockLevel.ACCESS_EXCLUSIVE));
                }
            }
            else if (drop.kind() == ObjectKind.TRIGGER && drop.table() != null) {
                effects.lock(schema.key(drop.table()), LockLevel.ACCESS_EXCLUSIVE);
            }
            else if (drop.kind() == ObjectKind.VIEW || drop.kind() == ObjectKind.MATERIALIZED_VIEW
                    || drop.kind() == ObjectKind.SEQUENCE) {
                effects.lock(schema.key(name), LockLevel.ACCESS_EXCLUSIVE);
            }
        }
    }

    private static void alter(ParsedStatement.AlterTable alter, SqlStatement statement, SchemaModel schema,
            int targetVersion, StatementEffects.Builder effects) {
        String table = schema.key(alter.table());
        if (alter.kind() != ObjectKind.TABLE) {
            effects.lock(table, LockClassifier.levelOf(statement));
            return;
        }
        effects.lock(table, LockClassifier.levelOf(statement));
        Optional<TableInfo> info = schema.table(table);
        for (AlterAction action : alter.actions()) {
            if (action instanceof AlterAction.AddColumn add) {
                addColumn(table, add.column(), schema, targetVersion, effects);
            }
            else if (action instanceof AlterAction.AlterColumnType change) {
                if (info.flatMap((t) -> t.column(change.column()))
                    .map((column) -> TypeChange.rewrites(column.type(), change.type(), change.using(), change.column()))
                    .orElse(true)) {
                    effects.rewrite(table);
                }
            }
            else if (action instanceof AlterAction.SetNotNull set) {
                if (!NotNullCheck.provenOrAlready(info, set.column())) {
                    effects.scan(table);
                }
            }
            else if (action instanceof AlterAction.AddConstraint add) {
                addConstraint(table, add.constraint(), info, schema, effects);
            }
            else if (action instanceof AlterAction.ValidateConstraint) {
                // Under SHARE UPDATE EXCLUSIVE: writes continue while it reads the table.
                effects.scan(table);
            }
            else if (action instanceof AlterAction.DropConstraint drop) {
                // Dropping a foreign key removes its triggers from the referenced table too.
                info.flatMap((t) -> t.constraint(drop.constraint())).map((c) -> c.foreignKey() ? c.references() : null)
                    .ifPresent((references) -> effects.lock(references, LockLevel.ACCESS_EXCLUSIVE));
            }
        }
    }

    private static void addColumn(String table, ColumnDef column, SchemaModel schema, int targetVersion,
            StatementEffects.Builder effects) {
        boolean volatileDefault = column.defaultValue() != null
                && !schema.volatility().firstVolatileCall(column.defaultValue()).isEmpty();
        boolean anyDefaultBefore11 = targetVersion < 11 && column.defaultValue() != null && !column.defaultValue().isNull();
        if (volatileDefault || anyDefaultBefore11 || column.type().isSerial() || column.identity() || column.storedGenerated()) {
            effects.rewrite(table);
        }
        for (ConstraintDef constraint : column.constraints()) {
            if (constraint.kind() == ConstraintDef.Kind.CHECK) {
                effects.scan(table);
            }
            else if (constraint.kind() == ConstraintDef.Kind.FOREIGN_KEY && constraint.references() != null) {
                String references = schema.key(constraint.references());
                effects.lock(references, LockLevel.SHARE_ROW_EXCLUSIVE);
                if (column.filledForExistingRows()) {
                    effects.scan(table);
                }
            }
            else if (constraint.kind() == ConstraintDef.Kind.UNIQUE || constraint.kind() == ConstraintDef.Kind.PRIMARY_KEY) {
                effects.scan(table);
            }
        }
    }

    private static void addConstraint(String table, ConstraintDef constraint, Optional<TableInfo> info,
            SchemaModel schema, StatementEffects.Builder effects) {
        switch (constraint.kind()) {
            case CHECK -> {
                if (!constraint.notValid()) {
                    effects.scan(table);
                }
            }
            case FOREIGN_KEY -> {
                if (constraint.references() != null) {
                    effects.lock(schema.key(constraint.references()), LockLevel.SHARE_ROW_EXCLUSIVE);
                }
                if (!constraint.notValid()) {
                    effects.scan(table);
                }
            }
            case UNIQUE, PRIMARY_KEY, EXCLUDE -> {
                if (constraint.usingIndex() == null) {
                    effects.scan(table);
                }
                else if (constraint.kind() == ConstraintDef.Kind.PRIMARY_KEY) {
                    // Adopting an index as primary key sets its columns NOT NULL, scanning unless proven.
                    String indexKey = table.substring(0, table.indexOf('.') + 1) + constraint.usingIndex();
                    schema.indexesOf(table).stream().filter((index) -> index.key().equals(indexKey)).findFirst()
                        .ifPresent((index) -> {
                            if (index.columns().stream().anyMatch((column) -> !NotNullCheck.provenOrAlready(info, column))) {
                                effects.scan(table);
                            }
                        });
                }
            }
            default -> {
            }
        }
    }

    private static void maintenance(ParsedStatement.Maintenance maintenance, SchemaModel schema,
            StatementEffects.Builder effects) {
        for (Name name : maintenance.names()) {
            String key = schema.key(name);
            if (maintenance.command().equals("REINDEX")) {
                if (maintenance.target().equals("INDEX")) {
                    schema.index(name).ifPresent((index) -> effects.lock(index.table(),
                            maintenance.rewrites() ? LockLevel.SHARE : LockLevel.SHARE_UPDATE_EXCLUSIVE));
                    if (maintenance.rewrites()) {
                        effects.rewrite(key);
                    }
                }
                else if (maintenance.target().equals("TABLE")) {
                    effects.lock(key, maintenance.rewrites() ? LockLevel.SHARE : LockLevel.SHARE_UPDATE_EXCLUSIVE);
                    if (maintenance.rewrites()) {
                        schema.indexesOf(key).forEach((index) -> effects.rewrite(index.key()));
                    }
                }
            }
            else if (maintenance.rewrites()) {
                effects.lock(key, LockLevel.ACCESS_EXCLUSIVE).rewrite(key);
            }
            else {
                effects.lock(key, LockLevel.SHARE_UPDATE_EXCLUSIVE);
            }
        }
    }

    /** The tables whose foreign keys reach the given ones, directly or through each other (TRUNCATE ... CASCADE). */
    private static Set<String> referencingClosure(Set<String> tables, SchemaModel schema) {
        Set<String> closure = new LinkedHashSet<>();
        Deque<String> work = new ArrayDeque<>(tables);
        while (!work.isEmpty()) {
            for (String other : schema.tablesReferencing(work.pop())) {
                if (!tables.contains(other) && closure.add(other)) {
                    work.push(other);
                }
            }
        }
        return closure;
    }

}
