package dev.tidemark.migration.internal.lint;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.LintReport;
import dev.tidemark.migration.LintSettings;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.lint.schema.CatalogReader;
import dev.tidemark.migration.internal.lint.schema.SchemaModel;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;

/**
 * Lints resolved migrations in the two ways Tidemark needs: against a database, where the catalog says what exists
 * and only the migrations not applied yet are read (applied history never blocks a start), and without one, where
 * every migration is read from an empty schema in version order. Stateless and thread-safe.
 */
public final class LintRunner {

    private LintRunner() {
    }

    /**
     * Lints the migrations not applied yet, on top of the database's catalog.
     * @param connection a connection to the database (read only)
     * @param resolved every resolved migration, in version order
     * @param applied the versions the history records as applied successfully
     * @param settings the lint settings
     */
    public static LintReport lintPending(Connection connection, List<ResolvedMigration> resolved, Set<Version> applied,
            LintSettings settings) throws SQLException {
        SchemaModel schema = CatalogReader.read(connection);
        int version = (settings.targetVersion() != 0) ? settings.targetVersion() : CatalogReader.majorVersion(connection);
        List<LintScript> pending = resolved.stream().filter((migration) -> !applied.contains(migration.version()))
            .map(LintScript::of).toList();
        return new Linter(settings, version).lint(schema, pending, after(settings.startAfter()));
    }

    /**
     * Lints every migration from an empty schema, without a database.
     * @param resolved every resolved migration, in version order
     * @param settings the lint settings
     */
    public static LintReport lintAll(List<ResolvedMigration> resolved, LintSettings settings) {
        return lintScripts(resolved.stream().map(LintScript::of).toList(), settings);
    }

    /** Lints scripts from an empty schema, in the order given. */
    public static LintReport lintScripts(List<LintScript> scripts, LintSettings settings) {
        int version = (settings.targetVersion() != 0) ? settings.targetVersion() : LintSettings.DEFAULT_OFFLINE_VERSION;
        return new Linter(settings, version).lint(new SchemaModel("public"), scripts, after(settings.startAfter()));
    }

    private static Predicate<LintScript> after(@Nullable Version startAfter) {
        return (script) -> startAfter == null || script.version().compareTo(startAfter) > 0;
    }

}
