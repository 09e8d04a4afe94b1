package dev.tidemark.migration;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.internal.event.Listeners;
import dev.tidemark.migration.internal.lint.LintRunner;
import dev.tidemark.migration.internal.resolve.MigrationResolver;
import dev.tidemark.migration.internal.run.MigrationRun;

/**
 * The safety linter on its own, for a project's tests and for build tools: judges migrations against the rules
 * (README, "Safety linter") without applying anything. Without a database it reads every migration in version order
 * from an empty schema; with one (a {@link TidemarkConfiguration}) it starts from the database's catalog and judges
 * only the migrations its history does not record as applied, as startup does. A five-line JUnit test:
 * <pre>
 * &#64;Test
 * void migrationsAreSafe() {
 *     TidemarkLint.offline("classpath:db/migration").lint().assertNoErrors();
 * }
 * </pre>
 * Thread-safe.
 */
public final class TidemarkLint {

    private final SourceSettings sources;

    private final LintSettings settings;

    private final @Nullable TidemarkConfiguration configuration;

    private TidemarkLint(SourceSettings sources, LintSettings settings, @Nullable TidemarkConfiguration configuration) {
        this.sources = sources;
        this.settings = settings;
        this.configuration = configuration;
    }

    /**
     * A linter that works against the configuration's database: the catalog says what exists, and only the
     * migrations the history does not record as applied are judged. Also the only form that can {@link #trace()}.
     */
    public static TidemarkLint of(TidemarkConfiguration configuration) {
        return new TidemarkLint(configuration.sources(), configuration.lint(), configuration);
    }

    /** A linter without a database for SQL migrations in these locations, with every rule at its default severity. */
    public static TidemarkLint offline(String... locations) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return offline(new SourceSettings(List.of(locations), List.of(),
                (loader != null) ? loader : TidemarkLint.class.getClassLoader(), StandardCharsets.UTF_8, true),
                LintSettings.DEFAULTS);
    }

    /** A linter without a database: every migration is judged, in version order, from an empty schema. */
    public static TidemarkLint offline(SourceSettings sources, LintSettings settings) {
        return new TidemarkLint(sources, settings, null);
    }

    /**
     * Lints the migrations.
     * @return the findings; {@link LintReport#assertNoErrors()} turns them into a test failure
     * @throws InvalidMigrationException when a file cannot be read at all (name, encoding, unterminated quote)
     */
    public LintReport lint() {
        if (this.configuration != null) {
            return new MigrationRun(this.configuration, new Listeners(List.of())).lint();
        }
        MigrationResolver resolver = new MigrationResolver(this.sources.classLoader(), this.sources.encoding(),
                this.sources.failOnMissingLocations());
        return LintRunner.lintAll(resolver.resolve(this.sources.locations(), this.sources.javaMigrations()), this.settings);
    }

    /**
     * Runs the migrations the history does not record as applied on the configuration's database, each in a
     * transaction that is rolled back, and reports what every statement locked, rewrote and scanned. Point it at a
     * test database: the statements really run, and hold their locks until the rollback.
     * @throws IllegalStateException for an {@link #offline} linter, which has no database
     */
    public LockTrace trace() {
        if (this.configuration == null) {
            throw new IllegalStateException("Tracing runs the migrations on a database: create the linter with "
                    + "TidemarkLint.of(configuration) for a test database");
        }
        return new MigrationRun(this.configuration, new Listeners(List.of())).trace();
    }

}
