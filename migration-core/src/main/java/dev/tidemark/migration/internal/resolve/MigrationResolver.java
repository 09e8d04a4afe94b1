package dev.tidemark.migration.internal.resolve;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.InvalidMigrationException;
import dev.tidemark.migration.JavaMigration;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.PlaceholderSettings;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.sql.SqlScriptSplitter;
import dev.tidemark.migration.internal.sql.SqlStatement;
import dev.tidemark.migration.internal.sql.SqlSyntaxException;
import dev.tidemark.migration.internal.sql.StatementClassifier;

/**
 * Turns locations and Java migrations into validated {@link ResolvedMigration}s sorted by version. Every
 * problem of a file's name, header, release or version is found here; problems of its SQL when its
 * statements are first needed (see {@link MigrationBody}), which for every migration not applied yet is
 * before anything touches the database. One resolver serves one {@code Tidemark} object for its
 * whole life and reads a file again only when it may have changed (see {@link LocationReader}), so that
 * plans, health probes and reconcile ticks stay cheap. Thread-safe.
 */
public final class MigrationResolver {

    private final LocationReader locations;

    private final Charset encoding;

    private final PlaceholderReplacer placeholders;

    private final Version baselineRelease;

    /** The release each folder name stands for, or none: thousands of files share a handful of folders. */
    private final Map<String, Optional<Version>> folderReleases = new ConcurrentHashMap<>();

    /**
     * Creates a resolver without placeholders; files named the Flyway way belong to release 0.
     * @param classLoader resolves {@code classpath:} locations
     * @param encoding the encoding of every script
     * @param failOnMissingLocations whether a location that does not exist is an error
     */
    public MigrationResolver(ClassLoader classLoader, Charset encoding, boolean failOnMissingLocations) {
        this(classLoader, encoding, failOnMissingLocations, PlaceholderSettings.DEFAULTS, Version.parse("0"));
    }

    /**
     * Creates a resolver.
     * @param classLoader resolves {@code classpath:} locations
     * @param encoding the encoding of every script
     * @param failOnMissingLocations whether a location that does not exist is an error
     * @param placeholders the placeholders replaced in scripts before they are split
     * @param baselineRelease the release of files named the Flyway way that give none in a directive
     */
    public MigrationResolver(ClassLoader classLoader, Charset encoding, boolean failOnMissingLocations,
            PlaceholderSettings placeholders, Version baselineRelease) {
        this.locations = new LocationReader(classLoader, failOnMissingLocations);
        this.encoding = encoding;
        this.placeholders = new PlaceholderReplacer(placeholders);
        this.baselineRelease = baselineRelease;
    }

    /**
     * Resolves the versioned migrations.
     * @throws InvalidMigrationException for the first file found at fault
     * @throws dev.tidemark.migration.InvalidConfigurationException for a location that does not exist
     *         (unless allowed) or cannot be read
     */
    public List<ResolvedMigration> resolve(List<String> locations, List<JavaMigration> javaMigrations) {
        return resolveAll(locations, javaMigrations).versioned();
    }

    /**
     * Resolves every migration, versioned and repeatable. A file is read and checksummed, and its header
     * read; its statements are split when first needed (see {@link MigrationBody}).
     * @throws InvalidMigrationException for the first file found at fault
     * @throws dev.tidemark.migration.InvalidConfigurationException for a location that does not exist
     *         (unless allowed) or cannot be read
     */
    public Resolution resolveAll(List<String> locations, List<JavaMigration> javaMigrations) {
        List<ResolvedMigration> versioned = new ArrayList<>();
        List<ResolvedMigration> repeatable = new ArrayList<>();
        for (String location : locations) {
            for (ResolvedMigration migration : this.locations.read(location, this::fromScript)) {
                (migration.repeatable() ? repeatable : versioned).add(migration);
            }
        }
        for (JavaMigration java : javaMigrations) {
            versioned.add(fromJava(java));
        }
        versioned.sort(Comparator.comparing(ResolvedMigration::version));
        rejectDuplicates(versioned, ResolvedMigration::version, "version", "give one of them the next free version");
        repeatable.sort(Comparator.comparing(ResolvedMigration::description));
        rejectDuplicates(repeatable, ResolvedMigration::description, "repeatable description",
                "repeatable migrations are told apart by description: rename one");
        return new Resolution(List.copyOf(versioned), List.copyOf(repeatable));
    }

    private ResolvedMigration fromScript(ScriptFile file) {
        String script = file.relativePath();
        ScriptText text = new ScriptText(script, file.bytes(), this.encoding);
        String header = text.header();
        MigrationDirectives directives = header.toLowerCase(Locale.ROOT).contains("tidemark")
                ? MigrationDirectives.parse(script, header) : MigrationDirectives.NONE;
        if (!MigrationFileName.hasShape(file.fileName())) {
            Optional<FlywayFileName> flyway = FlywayFileName.parse(file.fileName(), script);
            if (flyway.isPresent()) {
                return fromFlywayScript(file, text, flyway.get(), directives);
            }
        }
        MigrationFileName name = MigrationFileName.parse(file.fileName(), script);
        if (directives.phase() != null && directives.phase() != name.phase()) {
            throw new InvalidMigrationException(script, 0, "its name says phase " + name.phase().label()
                    + " but its directive says " + directives.phase().label() + "; remove the directive");
        }
        Version release = release(script, file.folderName(), directives, this.folderReleases);
        return new ResolvedMigration(name.version(), name.description(), name.phase(), release, script, text.checksum(),
                null, directives, false, MigrationBody.lazy(text, this::split));
    }

    /**
     * A file named the Flyway way: its release comes from a directive or is the baseline release (never from its
     * folder, whose name in a Flyway project means nothing to Tidemark), its phase from a directive or EXPAND, and
     * its checksum is Flyway's, so that rows Flyway wrote and rows Tidemark writes compare alike.
     */
    private ResolvedMigration fromFlywayScript(ScriptFile file, ScriptText text, FlywayFileName name,
            MigrationDirectives directives) {
        String script = file.relativePath();
        Version release = (directives.release() != null) ? directives.release() : this.baselineRelease;
        Phase phase = (directives.phase() != null) ? directives.phase() : Phase.EXPAND;
        if (name.repeatable()) {
            if (phase != Phase.EXPAND) {
                throw new InvalidMigrationException(script, 0, "is a repeatable migration with phase " + phase.label()
                        + "; repeatable migrations run after the versioned ones of every run, as EXPAND: remove the "
                        + "directive");
            }
            // As Flyway does, a repeatable migration's checksum covers its text after placeholder replacement,
            // so that it is applied again when a value it uses changes.
            String checksum = FlywayChecksum.of(this.placeholders.replace(script, text.content()));
            return new ResolvedMigration(ResolvedMigration.REPEATABLE, name.description(), phase, release, script,
                    checksum, null, directives, true, MigrationBody.lazy(text, this::splitRepeatable));
        }
        return new ResolvedMigration(Objects.requireNonNull(name.version()), name.description(), phase, release, script,
                text.flywayChecksum(), null, directives, false, MigrationBody.lazy(text, this::split));
    }

    private MigrationBody.Lexed splitRepeatable(ScriptText text) {
        MigrationBody.Lexed lexed = split(text);
        if (!lexed.transactional()) {
            throw new InvalidMigrationException(text.script(), lexed.statements().get(0).line(), "is a repeatable "
                    + "migration with a statement PostgreSQL cannot run inside a transaction; a repeatable migration runs "
                    + "in one transaction with its history row: make it a versioned migration");
        }
        return lexed;
    }

    /**
     * Splits a script: the whole text decoded strictly, its directives checked (none after the first statement),
     * placeholders replaced, statements split and their transaction mode decided.
     */
    private MigrationBody.Lexed split(ScriptText text) {
        String script = text.script();
        String content = text.content();
        MigrationDirectives directives = MigrationDirectives.parse(script, content);
        List<SqlStatement> statements;
        try {
            statements = SqlScriptSplitter.split(this.placeholders.replace(script, content));
        }
        catch (SqlSyntaxException ex) {
            throw new InvalidMigrationException(ErrorCode.INVALID_MIGRATION, script, ex.line(), String.valueOf(ex.getMessage()), ex);
        }
        if (statements.isEmpty()) {
            throw new InvalidMigrationException(script, 0, "contains no SQL statement; delete the file or add its SQL");
        }
        return new MigrationBody.Lexed(statements, transactional(script, statements), directives);
    }

    private static Version release(String script, String folder, MigrationDirectives directives,
            Map<String, Optional<Version>> folderReleases) {
        Version fromFolder = folderReleases.computeIfAbsent(folder,
                (name) -> Version.isValid(name) ? Optional.of(Version.parse(name)) : Optional.empty()).orElse(null);
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
                java, MigrationDirectives.NONE, false, MigrationBody.of(List.of(), java.transactional()));
    }

    private static <K> void rejectDuplicates(List<ResolvedMigration> sorted, Function<ResolvedMigration, K> key,
            String what, String fix) {
        Map<K, ResolvedMigration> seen = new HashMap<>();
        for (ResolvedMigration migration : sorted) {
            ResolvedMigration other = seen.putIfAbsent(key.apply(migration), migration);
            if (other != null) {
                throw new InvalidMigrationException(ErrorCode.DUPLICATE_VERSION, migration.script(), 0,
                        what + " " + key.apply(migration) + " is also used by " + other.script() + "; " + fix, null);
            }
        }
    }

    private static String abbreviate(SqlStatement statement) {
        String text = statement.normalized();
        return (text.length() > 60) ? text.substring(0, 57) + "..." : text;
    }

}
