package dev.tidemark.migration.internal.resolve;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.JavaMigration;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.sql.SqlStatement;

/**
 * A migration as the locations define it, validated and split into statements, ready to run.
 *
 * @param version the version
 * @param description the description
 * @param phase the phase
 * @param release the code version that introduces it
 * @param script the path (relative to its location) or Java class name it comes from
 * @param checksum the checksum of its normalized content, or {@code null} for a Java migration without one
 * @param transactional whether it runs in one transaction with its history row
 * @param statements its SQL statements, empty for a Java migration
 * @param java the Java migration, or {@code null} for SQL
 * @param directives its header directives
 */
public record ResolvedMigration(Version version, String description, Phase phase, Version release, String script,
        @Nullable String checksum, boolean transactional, List<SqlStatement> statements,
        @Nullable JavaMigration java, MigrationDirectives directives) {

    /** A short label for logs, e.g. {@code V12 expand "add full name"}. */
    public String label() {
        return "V" + this.version + " " + this.phase.label() + " \"" + this.description + "\"";
    }

}
