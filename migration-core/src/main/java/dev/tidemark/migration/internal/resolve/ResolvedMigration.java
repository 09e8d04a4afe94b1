package dev.tidemark.migration.internal.resolve;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.JavaMigration;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.sql.SqlStatement;

/**
 * A migration as the locations define it, validated by name, header and checksum; its statements are
 * split when first needed (see {@link MigrationBody}).
 *
 * @param version the version; for a repeatable migration {@link #REPEATABLE}
 * @param description the description
 * @param phase the phase
 * @param release the code version that introduces it
 * @param script the path (relative to its location) or Java class name it comes from
 * @param checksum the checksum recorded when it is applied: Tidemark's of its normalized content for a file
 *        named the Tidemark way, Flyway's for one named the Flyway way (of the text after placeholder replacement
 *        for a repeatable one, as Flyway does), or {@code null} for a Java migration without one
 * @param java the Java migration, or {@code null} for SQL
 * @param header the directives of its header (release, phase, timeouts), read without splitting the script; the
 *        directives of the whole file come with its statements ({@link #directives()})
 * @param repeatable whether it is a repeatable migration ({@code R__description.sql}), applied again whenever its
 *        checksum changes
 * @param body its statements and transaction mode
 */
public record ResolvedMigration(Version version, String description, Phase phase, Version release, String script,
        @Nullable String checksum, @Nullable JavaMigration java, MigrationDirectives header, boolean repeatable,
        MigrationBody body) {

    /**
     * The version recorded for a repeatable migration, which has none: it sorts before every real version and
     * equals none (a file's version has no qualifier), and it parses in every Tidemark that reads the history.
     */
    public static final Version REPEATABLE = MigrationInfo.REPEATABLE_VERSION;

    /** A migration whose statements are known in advance (a Java migration, or one built in a test). */
    public ResolvedMigration(Version version, String description, Phase phase, Version release, String script,
            @Nullable String checksum, boolean transactional, List<SqlStatement> statements,
            @Nullable JavaMigration java, MigrationDirectives directives) {
        this(version, description, phase, release, script, checksum, java, directives, false,
                MigrationBody.of(statements, transactional));
    }

    /**
     * Its directives, those that stand before a statement included (the linter's {@code allow}); splits the
     * script when first called, as what asks for them (execution, the linter) needs the statements too.
     */
    public MigrationDirectives directives() {
        MigrationDirectives whole = this.body.directives();
        return (whole != null) ? whole : this.header;
    }

    /** Its SQL statements, empty for a Java migration; splits the script when first called. */
    public List<SqlStatement> statements() {
        return this.body.statements();
    }

    /** Whether it runs in one transaction with its history row; splits the script when first called. */
    public boolean transactional() {
        return this.body.transactional();
    }

    /**
     * Whether a recorded checksum is this migration's: its own, or, for a row another tool or an earlier form
     * wrote, the checksum of the same kind over the file as written (a row Flyway wrote holds Flyway's
     * checksum, also for a file renamed the Tidemark way; a repeatable migration's row may hold the checksum
     * without placeholder replacement, as older Flyway versions wrote it).
     */
    public boolean checksumMatches(@Nullable String recorded) {
        return this.checksum == null || recorded == null || this.checksum.equals(recorded)
                || recorded.equals(checksumLike(recorded));
    }

    /** This migration's checksum of the kind of a recorded one, for messages and comparisons. */
    public @Nullable String checksumLike(String recorded) {
        ScriptText text = this.body.text();
        String own = this.checksum;
        if (text == null || own == null
                || (FlywayChecksum.isFlywayForm(recorded) == FlywayChecksum.isFlywayForm(own) && !this.repeatable)) {
            return own;
        }
        return FlywayChecksum.isFlywayForm(recorded) ? text.flywayChecksum() : text.checksum();
    }

    /** A short label for logs, e.g. {@code V12 expand "add full name"} or {@code R "customer view"}. */
    public String label() {
        return this.repeatable ? "R \"" + this.description + "\""
                : "V" + this.version + " " + this.phase.label() + " \"" + this.description + "\"";
    }

}
