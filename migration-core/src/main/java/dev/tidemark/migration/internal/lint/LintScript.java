package dev.tidemark.migration.internal.lint;

import java.util.List;
import java.util.Locale;

import dev.tidemark.migration.InvalidMigrationException;
import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.resolve.AllowDirective;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.sql.SqlScriptSplitter;
import dev.tidemark.migration.internal.sql.SqlStatement;
import dev.tidemark.migration.internal.sql.SqlSyntaxException;

/**
 * One migration as the linter reads it: where it comes from, its version and phase, its statements and its
 * {@code tidemark:allow} directives, and whether it is declared a Tidemark backfill.
 *
 * @param script the file's path relative to its location
 * @param version its version
 * @param phase its phase
 * @param statements its statements
 * @param allows its allow directives
 * @param backfill whether it is declared a backfill ({@code -- tidemark:backfill})
 */
public record LintScript(String script, Version version, Phase phase, List<SqlStatement> statements,
        List<AllowDirective> allows, boolean backfill) {

    /** Copies the lists. */
    public LintScript {
        statements = List.copyOf(statements);
        allows = List.copyOf(allows);
    }

    /** The linter's view of a resolved migration (a Java migration has no statements). */
    public static LintScript of(ResolvedMigration migration) {
        return new LintScript(migration.script(), migration.version(), migration.phase(), migration.statements(),
                migration.directives().allows(), false);
    }

    /**
     * Reads a script given as text, as tools and tests hand it over; unlike the resolver it accepts what the linter
     * judges but Tidemark would refuse to run (explicit {@code BEGIN}/{@code COMMIT}, a mixed file).
     * @throws InvalidMigrationException when the SQL does not split into statements or an allow is malformed
     */
    public static LintScript parse(String script, Version version, Phase phase, String content) {
        List<SqlStatement> statements;
        try {
            statements = SqlScriptSplitter.split(content);
        }
        catch (SqlSyntaxException ex) {
            throw new InvalidMigrationException(ErrorCode.INVALID_MIGRATION, script, ex.line(), String.valueOf(ex.getMessage()), ex);
        }
        return new LintScript(script, version, phase, statements, AllowDirective.parseAll(script, content),
                declaresBackfill(content));
    }

    /** Whether the header comment lines hold {@code -- tidemark:backfill}. */
    private static boolean declaresBackfill(String content) {
        for (String line : content.split("\n", -1)) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("--")) {
                return false;
            }
            if (trimmed.replace(" ", "").toLowerCase(Locale.ROOT).startsWith("--tidemark:backfill")) {
                return true;
            }
        }
        return false;
    }

}
