package dev.tidemark.migration.internal.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.tidemark.migration.LintFinding;
import dev.tidemark.migration.LintReport;
import dev.tidemark.migration.LintSettings;
import dev.tidemark.migration.internal.lint.effect.EffectAnalyzer;
import dev.tidemark.migration.internal.lint.effect.StatementEffects;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.Name;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement.ObjectKind;
import dev.tidemark.migration.internal.lint.parse.StatementParser;
import dev.tidemark.migration.internal.lint.rules.FileState;
import dev.tidemark.migration.internal.lint.rules.Rule;
import dev.tidemark.migration.internal.lint.rules.Rules;
import dev.tidemark.migration.internal.lint.rules.StatementCheck;
import dev.tidemark.migration.internal.lint.rules.StatementCheck.Context;
import dev.tidemark.migration.internal.lint.schema.SchemaModel;
import dev.tidemark.migration.internal.sql.SqlStatement;
import dev.tidemark.migration.internal.sql.StatementClassifier;

/**
 * Lints a sequence of migrations in version order. Each statement is parsed, its effects predicted, every rule run
 * on it with the schema and the file state as they stand before it, and then the schema model and the file state
 * follow it; statements inside {@code DO} blocks are read in place, those inside function bodies only by the rules
 * that ask for them. The findings of each file then go through its {@code tidemark:allow} directives and the
 * configured severities. Migrations that {@code reported} rejects (applied ones, or those at or below
 * {@link LintSettings#startAfter()}) still teach the model. Not thread-safe: one instance per lint run.
 */
public final class Linter {

    private final List<Rule> rules;

    private final LintSettings settings;

    private final int targetVersion;

    /**
     * Creates a linter.
     * @param settings the severities
     * @param targetVersion the PostgreSQL major version to judge for
     */
    public Linter(LintSettings settings, int targetVersion) {
        this.rules = Rules.all();
        this.settings = settings;
        this.targetVersion = targetVersion;
    }

    /**
     * Lints the scripts.
     * @param schema the schema before the first script (empty, or read from the catalog); it follows every script
     * @param scripts the scripts, in version order
     * @param reported which scripts to report findings for
     */
    public LintReport lint(SchemaModel schema, List<LintScript> scripts, Predicate<LintScript> reported) {
        List<LintFinding> findings = new ArrayList<>();
        List<LintFinding> suppressed = new ArrayList<>();
        int linted = 0;
        for (LintScript script : scripts) {
            List<StatementCheck.RawFinding> raw = new ArrayList<>();
            List<Integer> topLines = new ArrayList<>();
            lintFile(schema, script, raw, topLines);
            if (reported.test(script)) {
                linted++;
                new Suppressions(script, this.settings).apply(raw, topLines, findings, suppressed);
            }
        }
        return new LintReport(linted, findings, suppressed);
    }

    private void lintFile(SchemaModel schema, LintScript script, List<StatementCheck.RawFinding> raw,
            List<Integer> topLines) {
        boolean transactional = script.statements().isEmpty()
                || script.statements().stream().anyMatch(StatementClassifier::canRunInTransaction);
        FileState file = new FileState(script.script(), script.phase(), script.backfill(), transactional,
                this.targetVersion);
        for (SqlStatement top : script.statements()) {
            ParsedStatement parsed = StatementParser.parse(top);
            judge(schema, file, top, parsed, Context.TOP_LEVEL, top.line(), raw, topLines);
            if (parsed instanceof ParsedStatement.DoBlock block) {
                for (SqlStatement inner : BodyStatements.of(block.body(), block.bodyLine())) {
                    judge(schema, file, inner, StatementParser.parse(inner), Context.DO_BLOCK, top.line(), raw, topLines);
                }
            }
            else if (parsed instanceof ParsedStatement.CreateFunction function && function.body() != null) {
                for (SqlStatement inner : BodyStatements.of(function.body(), function.bodyLine())) {
                    judge(schema, file, inner, StatementParser.parse(inner), Context.FUNCTION_BODY, top.line(), raw, topLines);
                }
            }
            if (!transactional) {
                // Each statement of such a file is a transaction of its own.
                file.endTransaction();
            }
        }
    }

    private void judge(SchemaModel schema, FileState file, SqlStatement sql, ParsedStatement parsed, Context context,
            int topLine, List<StatementCheck.RawFinding> raw, List<Integer> topLines) {
        boolean runs = context != Context.FUNCTION_BODY;
        if (parsed instanceof ParsedStatement.TransactionControl control && runs) {
            if (control.opens()) {
                file.transactionBlock(true);
            }
            else if (control.closes()) {
                file.transactionBlock(false);
            }
        }
        StatementEffects effects = runs ? EffectAnalyzer.of(parsed, sql, schema, this.targetVersion) : StatementEffects.NONE;
        for (String key : effects.accessExclusive()) {
            // Views and sequences do not count: the rule is about tables the application reads and writes.
            if (!isOtherRelation(schema, key) && !file.created(key)) {
                file.holdExclusive(key);
            }
        }
        StatementCheck check = new StatementCheck(sql, parsed, context, schema, file, effects);
        for (Rule rule : this.rules) {
            if (runs || rule.readsFunctionBodies()) {
                rule.check(check);
            }
        }
        for (StatementCheck.RawFinding finding : check.findings()) {
            raw.add(finding);
            topLines.add(topLine);
        }
        if (runs) {
            follow(schema, file, parsed);
        }
    }

    /** Whether the model knows the key as a view, sequence or other non-table relation. */
    private static boolean isOtherRelation(SchemaModel schema, String key) {
        int dot = key.indexOf('.');
        Name name = new Name(key.substring(0, dot), key.substring(dot + 1), key);
        return schema.kindOf(name).map((kind) -> kind != ObjectKind.TABLE).orElse(false);
    }

    /** Updates the file state and the model after a statement that ran. */
    private static void follow(SchemaModel schema, FileState file, ParsedStatement parsed) {
        if (parsed instanceof ParsedStatement.CreateTable create) {
            if (!(create.ifNotExists() && schema.table(create.name()).isPresent())) {
                file.markCreated(schema.key(create.name()));
            }
        }
        else if (parsed instanceof ParsedStatement.CreateIndex create && create.index() != null) {
            file.markCreated(schema.key(create.index()));
        }
        else if (parsed instanceof ParsedStatement.CreateObject create) {
            file.markCreated(schema.key(create.name()));
        }
        else if (parsed instanceof ParsedStatement.CreateFunction function) {
            file.markCreated(schema.key(function.name()));
        }
        else if (parsed instanceof ParsedStatement.Drop drop) {
            drop.names().forEach((name) -> file.markDropped(schema.key(name)));
        }
        else if (parsed instanceof ParsedStatement.AlterTable alter) {
            String table = schema.key(alter.table());
            for (AlterAction action : alter.actions()) {
                if (action instanceof AlterAction.AddColumn add) {
                    file.markAddedColumn(table, add.column().name());
                }
                else if (action instanceof AlterAction.AddConstraint add && add.constraint().notValid()
                        && add.constraint().name() != null) {
                    file.markAddedNotValid(table, add.constraint().name());
                }
                else if (action instanceof AlterAction.RenameTo rename && file.created(table)) {
                    file.markCreated(table.substring(0, table.indexOf('.') + 1) + rename.to());
                }
            }
        }
        schema.apply(parsed);
    }

}
