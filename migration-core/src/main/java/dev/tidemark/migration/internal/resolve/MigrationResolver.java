package dev.tidemark.migration.internal.resolve;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.InvalidMigrationException;
import dev.tidemark.migration.JavaMigration;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.sql.SqlScriptSplitter;
import dev.tidemark.migration.internal.sql.SqlStatement;
import dev.tidemark.migration.internal.sql.SqlSyntaxException;
import dev.tidemark.migration.internal.sql.StatementClassifier;

/**
 * Turns locations and Java migrations into a validated list of {@link ResolvedMigration}s sorted by
 * version. Every problem a file can have (encoding, name, directives, release, SQL, duplicates) is found
 * here, before anything touches the database. One resolver serves one {@code Tidemark} object for its
 * whole life and reads a file again only when it may have changed (see {@link LocationReader}), so that
 * plans, health probes and reconcile ticks stay cheap. Thread-safe.
 */
public final class MigrationResolver {

    private final LocationReader locations;

    /**
     * Creates a resolver.
     * @param classLoader resolves {@code classpath:} locations
     * @param encoding the encoding of every script
     * @param failOnMissingLocations whether a location that does not exist is an error
     */
    public MigrationResolver(ClassLoader classLoader, Charset encoding, boolean failOnMissingLocations) {
        this.locations = new LocationReader(classLoader, encoding, failOnMissingLocations);
    }

    /**
     * Resolves all migrations.
     * @throws InvalidMigrationException for the first file found at fault
     * @throws dev.tidemark.migration.InvalidConfigurationException for a location that does not exist
     *         (unless allowed) or cannot be read
     */
    public List<ResolvedMigration> resolve(List<String> locations, List<JavaMigration> javaMigrations) {
        List<ResolvedMigration> migrations = new ArrayList<>();
        for (String location : locations) {
            migrations.addAll(this.locations.read(location, MigrationResolver::fromScript));
        }
        for (JavaMigration java : javaMigrations) {
            migrations.add(fromJava(java));
        }
        migrations.sort(Comparator.comparing(ResolvedMigration::version));
        rejectDuplicates(migrations);
        return List.copyOf(migrations);
    }

    private static ResolvedMigration fromScript(ScriptFile file) {
        String script = file.relativePath();
        MigrationFileName name = MigrationFileName.parse(file.fileName(), script);
        String content = Checksums.normalize(file.content());
        MigrationDirectives directives = MigrationDirectives.parse(script, content);
        Version release = release(script, file.folderName(), directives);
        List<SqlStatement> statements;
        try {
            statements = SqlScriptSplitter.split(content);
        }
        catch (SqlSyntaxException ex) {
            throw new InvalidMigrationException(ErrorCode.INVALID_MIGRATION, script, ex.line(), String.valueOf(ex.getMessage()), ex);
        }
        if (statements.isEmpty()) {
            throw new InvalidMigrationException(script, 0, "contains no SQL statement; delete the file or add its SQL");
        }
        return new ResolvedMigration(name.version(), name.description(), name.phase(), release, script,
                Checksums.of(file.content()), transactional(script, statements), statements, null, directives);
    }

    private static Version release(String script, String folder, MigrationDirectives directives) {
        Version fromFolder = Version.isValid(folder) ? Version.parse(folder) : null;
        Version fromDirective = directives.release();
        if (fromFolder != null && fromDirective != null && !fromFolder.equals(fromDirective)) {
            throw new InvalidMigrationException(script, 0, "its folder says release " + fromFolder
                    + " but its directive says release " + fromDirective + "; remove the directive or move the file");
        }
        if (fromDirective != null) {
            return fromDirective;
        }
        if (fromFolder != null) {
            return fromFolder;
        }
        throw new InvalidMigrationException(script, 0, "no release: put it in a folder named after the release "
                + "that introduces it (e.g. db/migration/2.0.0/) or add the header line '-- tidemark:release 2.0.0'");
    }

    /**
     * Decides the transaction mode: PostgreSQL refuses some statements inside a transaction block, and a
     * migration mixing both kinds would lose its all-or-nothing guarantee, so mixing is an error.
     */
    private static boolean transactional(String script, List<SqlStatement> statements) {
        SqlStatement firstTransactional = null;
        SqlStatement firstAutocommit = null;
        for (SqlStatement statement : statements) {
            if (StatementClassifier.isTransactionControl(statement)) {
                throw new InvalidMigrationException(script, statement.line(), "contains the transaction control statement '"
                        + abbreviate(statement) + "'; remove it: Tidemark runs each migration in its own transaction");
            }
            if (StatementClassifier.isCopyFromStdin(statement)) {
                throw new InvalidMigrationException(script, statement.line(), "COPY ... FROM STDIN is not supported in "
                        + "migrations; use INSERT statements or a Java migration with the driver's CopyManager");
            }
            if (StatementClassifier.canRunInTransaction(statement)) {
                firstTransactional = (firstTransactional != null) ? firstTransactional : statement;
            }
            else {
                firstAutocommit = (firstAutocommit != null) ? firstAutocommit : statement;
            }
        }
        if (firstTransactional != null && firstAutocommit != null) {
            throw new InvalidMigrationException(script, firstAutocommit.line(), "mixes '" + abbreviate(firstAutocommit)
                    + "', which PostgreSQL cannot run inside a transaction, with transactional statements such as '"
                    + abbreviate(firstTransactional) + "' (line " + firstTransactional.line()
                    + "); split the file so the non-transactional statement is a migration of its own");
        }
        return firstAutocommit == null;
    }

    private static ResolvedMigration fromJava(JavaMigration java) {
        String script = java.getClass().getName();
        Version version;
        Version release;
        try {
            version = Version.parse(java.version());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidMigrationException(script, 0, "malformed version: " + ex.getMessage());
        }
        try {
            release = Version.parse(java.release());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidMigrationException(script, 0, "malformed release: " + ex.getMessage());
        }
        Phase phase = java.phase();
        if (phase == null) {
            throw new InvalidMigrationException(script, 0, "phase() returned null; return EXPAND, MIGRATE or CONTRACT");
        }
        return new ResolvedMigration(version, java.description(), phase, release, script, java.checksum(),
                java.transactional(), List.of(), java, MigrationDirectives.NONE);
    }

    private static void rejectDuplicates(List<ResolvedMigration> sorted) {
        Map<Version, ResolvedMigration> seen = new HashMap<>();
        for (ResolvedMigration migration : sorted) {
            ResolvedMigration other = seen.putIfAbsent(migration.version(), migration);
            if (other != null) {
                throw new InvalidMigrationException(ErrorCode.DUPLICATE_VERSION, migration.script(), 0,
                        "version " + migration.version() + " is also used by " + other.script()
                                + "; give one of them the next free version", null);
            }
        }
    }

    private static String abbreviate(SqlStatement statement) {
        String text = statement.normalized();
        return (text.length() > 60) ? text.substring(0, 57) + "..." : text;
    }

}
