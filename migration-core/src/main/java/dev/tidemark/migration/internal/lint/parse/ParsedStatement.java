package dev.tidemark.migration.internal.lint.parse;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.LockLevel;
import dev.tidemark.migration.internal.sql.SqlToken;

/**
 * What a statement is, as far as the safety linter needs to know: one record per kind of statement the rules
 * judge, and {@link Other} for the rest.
 */
public sealed interface ParsedStatement {

    /** The kinds of schema object a {@code CREATE}, {@code DROP} or {@code ALTER} names. */
    enum ObjectKind {
        TABLE, VIEW, MATERIALIZED_VIEW, INDEX, SEQUENCE, TYPE, DOMAIN, FUNCTION, PROCEDURE, TRIGGER, SCHEMA,
        EXTENSION, FOREIGN_TABLE, OTHER;

        /** The kind as SQL writes it, e.g. {@code MATERIALIZED VIEW}. */
        public String sql() {
            return name().replace('_', ' ');
        }
    }

    /**
     * {@code CREATE [TEMP|UNLOGGED] TABLE [IF NOT EXISTS] name (...)}, also {@code PARTITION OF} and {@code AS}.
     * @param name the table
     * @param ifNotExists whether {@code IF NOT EXISTS} was written
     * @param columns its columns
     * @param constraints its table constraints
     * @param temporary whether it is a temporary table
     */
    record CreateTable(Name name, boolean ifNotExists, List<ColumnDef> columns, List<ConstraintDef> constraints,
            boolean temporary) implements ParsedStatement {

        /** Copies the lists. */
        public CreateTable {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
        }
    }

    /**
     * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON table ...}.
     * @param index the index, or {@code null} when PostgreSQL names it
     * @param table the table
     * @param unique whether it is unique
     * @param concurrently whether it is built concurrently
     * @param ifNotExists whether {@code IF NOT EXISTS} was written
     * @param columns the indexed plain columns, in order; an expression contributes nothing
     * @param concurrentlyAt where {@code CONCURRENTLY} would go in the statement's text (just after {@code INDEX})
     */
    record CreateIndex(@Nullable Name index, Name table, boolean unique, boolean concurrently, boolean ifNotExists,
            List<String> columns, int concurrentlyAt) implements ParsedStatement {

        /** Copies the list. */
        public CreateIndex {
            columns = List.copyOf(columns);
        }
    }

    /**
     * {@code CREATE VIEW}, {@code SEQUENCE}, {@code TYPE}, {@code SCHEMA}, {@code TRIGGER}, ... that the rules
     * only need to know exists.
     * @param kind what it creates
     * @param name its name
     * @param table for a trigger, its table; else {@code null}
     */
    record CreateObject(ObjectKind kind, Name name, @Nullable Name table) implements ParsedStatement {
    }

    /**
     * {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} with its body.
     * @param name the routine
     * @param volatility {@code i}, {@code s} or {@code v}, as {@code pg_proc.provolatile}
     * @param body the body's text, or {@code null} for a {@code BEGIN ATOMIC} body or a C function
     * @param bodyStart where the body starts within the statement's text
     * @param bodyLine the line the body starts on
     */
    record CreateFunction(Name name, char volatility, @Nullable String body, int bodyStart, int bodyLine)
            implements ParsedStatement {
    }

    /**
     * {@code DROP kind [CONCURRENTLY] [IF EXISTS] names [CASCADE]}.
     * @param kind what it drops
     * @param names the objects
     * @param concurrently whether {@code CONCURRENTLY} was written (indexes)
     * @param ifExists whether {@code IF EXISTS} was written
     * @param cascade whether {@code CASCADE} was written
     * @param table for {@code DROP TRIGGER ... ON table}, the table; else {@code null}
     */
    record Drop(ObjectKind kind, List<Name> names, boolean concurrently, boolean ifExists, boolean cascade,
            @Nullable Name table) implements ParsedStatement {

        /** Copies the list. */
        public Drop {
            names = List.copyOf(names);
        }
    }

    /**
     * {@code ALTER TABLE|VIEW|MATERIALIZED VIEW|INDEX|... [IF EXISTS] [ONLY] name action [, ...]}.
     * @param kind the kind of relation the statement says it alters
     * @param table the relation
     * @param actions its actions, in order
     */
    record AlterTable(ObjectKind kind, Name table, List<AlterAction> actions) implements ParsedStatement {

        /** Copies the list. */
        public AlterTable {
            actions = List.copyOf(actions);
        }
    }

    /**
     * {@code TRUNCATE [TABLE] names [CASCADE]}.
     * @param tables the tables
     * @param cascade whether {@code CASCADE} was written
     */
    record Truncate(List<Name> tables, boolean cascade) implements ParsedStatement {

        /** Copies the list. */
        public Truncate {
            tables = List.copyOf(tables);
        }
    }

    /**
     * {@code LOCK [TABLE] names [IN mode MODE]}.
     * @param tables the tables
     * @param mode the lock mode, ACCESS EXCLUSIVE by default
     */
    record LockTable(List<Name> tables, LockLevel mode) implements ParsedStatement {

        /** Copies the list. */
        public LockTable {
            tables = List.copyOf(tables);
        }
    }

    /**
     * {@code VACUUM}, {@code CLUSTER} or {@code REINDEX}.
     * @param command {@code VACUUM}, {@code CLUSTER} or {@code REINDEX}
     * @param rewrites whether it rewrites: {@code VACUUM FULL}, {@code CLUSTER}, {@code REINDEX} without
     *        {@code CONCURRENTLY}
     * @param target {@code TABLE}, {@code INDEX}, {@code SCHEMA}, {@code DATABASE} or {@code SYSTEM} for
     *        REINDEX; {@code TABLE} otherwise
     * @param names the relations named; empty for all of them
     */
    record Maintenance(String command, boolean rewrites, String target, List<Name> names) implements ParsedStatement {

        /** Copies the list. */
        public Maintenance {
            names = List.copyOf(names);
        }
    }

    /**
     * {@code UPDATE}, {@code DELETE}, {@code INSERT}, {@code MERGE}, {@code SELECT}, {@code COPY} (also after
     * {@code WITH}).
     * @param command the data-changing verb, upper case ({@code SELECT} for queries)
     * @param table the table it changes, or {@code null} for a query
     * @param where the {@code WHERE} condition of an UPDATE or DELETE, or {@code null} when it has none
     * @param tokens all the statement's tokens, for looking up common table expressions
     */
    record Dml(String command, @Nullable Name table, @Nullable Expr where, List<SqlToken> tokens)
            implements ParsedStatement {

        /** Copies the list. */
        public Dml {
            tokens = List.copyOf(tokens);
        }
    }

    /**
     * {@code DO [LANGUAGE x] $$ body $$}.
     * @param body the body's text
     * @param bodyStart where the body starts within the statement's text
     * @param bodyLine the line the body starts on
     */
    record DoBlock(String body, int bodyStart, int bodyLine) implements ParsedStatement {
    }

    /**
     * {@code REFRESH MATERIALIZED VIEW [CONCURRENTLY] name}.
     * @param view the view
     * @param concurrently whether it is refreshed concurrently
     */
    record RefreshMaterializedView(Name view, boolean concurrently) implements ParsedStatement {
    }

    /**
     * Transaction control: {@code BEGIN}, {@code START TRANSACTION}, {@code COMMIT}, {@code END},
     * {@code ROLLBACK}, {@code ABORT}, {@code SAVEPOINT}, {@code RELEASE}.
     * @param opens whether it opens a transaction block
     * @param closes whether it ends the transaction block (COMMIT, END, ROLLBACK, ABORT, but not ROLLBACK TO)
     */
    record TransactionControl(boolean opens, boolean closes) implements ParsedStatement {
    }

    /**
     * Any other statement.
     * @param keywords its first words, upper case, e.g. {@code SET}, {@code ANALYZE}, {@code COMMENT ON}
     */
    record Other(String keywords) implements ParsedStatement {
    }

}
