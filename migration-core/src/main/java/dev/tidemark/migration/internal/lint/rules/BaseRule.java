package dev.tidemark.migration.internal.lint.rules;

import java.util.List;
import java.util.function.BiConsumer;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement.ObjectKind;
import dev.tidemark.migration.internal.sql.SqlStatement;

/** Holds a rule's id, default severity and summary, and helpers the rules share. */
abstract class BaseRule implements Rule {

    private final String id;

    private final LintSeverity severity;

    private final String summary;

    BaseRule(String id, LintSeverity severity, String summary) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
    }

    @Override
    public final String id() {
        return this.id;
    }

    @Override
    public final LintSeverity defaultSeverity() {
        return this.severity;
    }

    @Override
    public final String summary() {
        return this.summary;
    }

    /** Runs {@code action} for each action of an {@code ALTER TABLE} on a pre-existing table (not a view or index). */
    static void onPreExistingTable(StatementCheck check, BiConsumer<ParsedStatement.AlterTable, AlterAction> action) {
        if (check.statement() instanceof ParsedStatement.AlterTable alter && alter.kind() == ObjectKind.TABLE
                && check.preExisting(alter.table())
                && check.schema().kindOf(alter.table()).map((kind) -> kind == ObjectKind.TABLE).orElse(true)) {
            List<AlterAction> actions = alter.actions();
            actions.forEach((each) -> action.accept(alter, each));
        }
    }

    /** The text up to the first occurrence of {@code separator}, or all of it. */
    static String upTo(String text, char separator) {
        int at = text.indexOf(separator);
        return (at < 0) ? text : text.substring(0, at);
    }

    /** The statement on one line, comments removed. */
    static String oneLine(SqlStatement statement) {
        return statement.normalized();
    }

    /** The statement on one line with {@code text} inserted at {@code offset} of its original text. */
    static String inserted(SqlStatement statement, int offset, String text) {
        String sql = statement.sql();
        return new SqlStatement(sql.substring(0, offset) + text + sql.substring(offset), 1).normalized();
    }

}
