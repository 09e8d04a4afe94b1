package dev.tidemark.migration.internal.lint.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tidemark.migration.Phase;
import dev.tidemark.migration.internal.lint.effect.StatementEffects;
import dev.tidemark.migration.internal.lint.parse.Name;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;
import dev.tidemark.migration.internal.lint.schema.SchemaModel;
import dev.tidemark.migration.internal.lint.schema.TableInfo;
import dev.tidemark.migration.internal.sql.SqlStatement;

/**
 * One statement as the rules see it: its text and parsed form, where it stands (top level, inside a {@code DO}
 * block, inside a function body), the schema and the file state before it, and its predicted effects. Rules report
 * through {@link #report}. Not thread-safe: one per statement.
 */
public final class StatementCheck {

    /** Where a statement stands in its file. */
    public enum Context {
        /** A statement of the file itself. */
        TOP_LEVEL,
        /** A statement inside a {@code DO} block, which runs as the file runs. */
        DO_BLOCK,
        /** A statement inside a function or procedure body, which runs only when called. */
        FUNCTION_BODY
    }

    private final SqlStatement sql;

    private final ParsedStatement statement;

    private final Context context;

    private final SchemaModel schema;

    private final FileState file;

    private final StatementEffects effects;

    private final List<RawFinding> findings = new ArrayList<>();

    /** Creates the check of one statement. */
    public StatementCheck(SqlStatement sql, ParsedStatement statement, Context context, SchemaModel schema,
            FileState file, StatementEffects effects) {
        this.sql = sql;
        this.statement = statement;
        this.context = context;
        this.schema = schema;
        this.file = file;
        this.effects = effects;
    }

    /** The statement as written, with its line. */
    public SqlStatement sql() {
        return this.sql;
    }

    /** The statement as parsed. */
    public ParsedStatement statement() {
        return this.statement;
    }

    /** Where the statement stands. */
    public Context context() {
        return this.context;
    }

    /** The schema before the statement. */
    public SchemaModel schema() {
        return this.schema;
    }

    /** The file around the statement. */
    public FileState file() {
        return this.file;
    }

    /** What the statement is predicted to lock, rewrite and scan. */
    public StatementEffects effects() {
        return this.effects;
    }

    /** The file's phase. */
    public Phase phase() {
        return this.file.phase();
    }

    /** The key of a name in the schema model. */
    public String key(Name name) {
        return this.schema.key(name);
    }

    /**
     * Whether the relation existed before this file: anything the file did not create itself, including relations
     * neither the migrations nor the catalog know (they must exist for the statement to work).
     */
    public boolean preExisting(Name name) {
        return !this.file.created(this.schema.key(name));
    }

    /** Whether the relation with this key existed before this file. */
    public boolean preExisting(String key) {
        return !this.file.created(key);
    }

    /** The table as the model knows it before this statement. */
    public Optional<TableInfo> table(Name name) {
        return this.schema.table(name);
    }

    /**
     * Reports a finding of {@code rule} on this statement.
     * @param message what is wrong and why, naming the objects
     * @param safeAlternative what to write instead, as SQL where there is a direct rewrite
     */
    public void report(Rule rule, String message, String safeAlternative) {
        this.findings.add(new RawFinding(rule.id(), this.sql.line(), this.sql, message, safeAlternative));
    }

    /** What the rules reported. */
    public List<RawFinding> findings() {
        return List.copyOf(this.findings);
    }

    /**
     * A finding before suppression and severity are applied.
     *
     * @param rule the rule id
     * @param line the statement's line
     * @param statement the statement
     * @param message the message
     * @param safeAlternative the safe alternative
     */
    public record RawFinding(String rule, int line, SqlStatement statement, String message, String safeAlternative) {
    }

}
