package dev.tidemark.migration.internal.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.ChecksumMismatchException;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationState;
import dev.tidemark.migration.MissingMigrationException;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.history.Outcome;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;

/**
 * The resolved migrations joined with the history rows, by version. Immutable once built; a new one is
 * built whenever the history is read again.
 */
public final class MigrationCatalog {

    private final List<ResolvedMigration> resolved;

    private final Map<Version, AppliedMigration> succeeded = new LinkedHashMap<>();

    private final Map<Version, AppliedMigration> unfinished = new LinkedHashMap<>();

    /**
     * Joins the two sides.
     * @param resolved the migrations of the locations, sorted by version
     * @param history the history rows in order of application
     */
    public MigrationCatalog(List<ResolvedMigration> resolved, List<AppliedMigration> history) {
        this.resolved = resolved;
        for (AppliedMigration row : history) {
            if (row.outcome() == Outcome.UNKNOWN) {
                continue;
            }
            (row.success() ? this.succeeded : this.unfinished).put(row.version(), row);
        }
    }

    /**
     * Checks that the history and the files agree: every applied migration still exists and is unchanged.
     * @param locations the locations, for the message
     * @throws ChecksumMismatchException when an applied file was edited
     * @throws MissingMigrationException when an applied file is gone
     */
    public void validate(String locations) {
        validate(locations, null);
    }

    /**
     * Checks that the history and the files agree, like {@link #validate(String)}, except that an applied
     * migration of a release newer than the given code version may be absent: during a rolling deployment
     * the newer release's EXPAND migrations are applied while instances of the older code still (re)start,
     * and their files cannot contain them.
     * @param locations the locations, for the message
     * @param codeVersion the code version of this instance, or {@code null} to require every applied file
     * @throws ChecksumMismatchException when an applied file was edited
     * @throws MissingMigrationException when an applied file of a release this code knows is gone
     */
    public void validate(String locations, @Nullable Version codeVersion) {
        Map<Version, ResolvedMigration> byVersion = new LinkedHashMap<>();
        this.resolved.forEach((migration) -> byVersion.put(migration.version(), migration));
        for (AppliedMigration applied : this.succeeded.values()) {
            ResolvedMigration migration = byVersion.get(applied.version());
            if (migration == null && codeVersion != null && applied.release().compareTo(codeVersion) > 0) {
                continue;
            }
            if (migration == null) {
                throw new MissingMigrationException(applied.version(), applied.script(), locations);
            }
            if (migration.checksum() != null && applied.checksum() != null
                    && !migration.checksum().equals(applied.checksum())) {
                throw new ChecksumMismatchException(applied.version(), migration.script(), applied.checksum(),
                        migration.checksum());
            }
        }
    }

    /** The migrations that have not succeeded yet, in version order. */
    public List<ResolvedMigration> unapplied() {
        return this.resolved.stream().filter((migration) -> !this.succeeded.containsKey(migration.version())).toList();
    }

    /** The resolved migrations, in version order. */
    public List<ResolvedMigration> resolved() {
        return this.resolved;
    }

    /** The successful history rows, in order of application. */
    public List<AppliedMigration> applied() {
        return List.copyOf(this.succeeded.values());
    }

    /** The row of a version whose last attempt did not succeed: failed, running or interrupted. */
    public Optional<AppliedMigration> unfinished(Version version) {
        return Optional.ofNullable(this.unfinished.get(version));
    }

    /** Whether a version has succeeded. */
    public boolean isApplied(Version version) {
        return this.succeeded.containsKey(version);
    }

    /**
     * Describes every migration.
     * @param deferralReasons why each unapplied migration waits, by version; absent means pending
     */
    public List<MigrationInfo> describe(Map<Version, String> deferralReasons) {
        List<MigrationInfo> infos = new ArrayList<>();
        Map<Version, ResolvedMigration> byVersion = new LinkedHashMap<>();
        this.resolved.forEach((migration) -> byVersion.put(migration.version(), migration));
        for (ResolvedMigration migration : this.resolved) {
            AppliedMigration applied = this.succeeded.get(migration.version());
            if (applied != null) {
                infos.add(info(migration.version(), migration.description(), migration, applied, MigrationState.APPLIED, null));
            }
            else if (this.unfinished.containsKey(migration.version())) {
                AppliedMigration row = this.unfinished.get(migration.version());
                infos.add(info(migration.version(), migration.description(), migration, row, stateOf(row),
                        deferralReasons.get(migration.version())));
            }
            else {
                String reason = deferralReasons.get(migration.version());
                infos.add(info(migration.version(), migration.description(), migration, null,
                        (reason != null) ? MigrationState.DEFERRED : MigrationState.PENDING, reason));
            }
        }
        for (AppliedMigration applied : this.succeeded.values()) {
            if (!byVersion.containsKey(applied.version())) {
                infos.add(info(applied.version(), applied.description(), null, applied, MigrationState.MISSING, null));
            }
        }
        infos.sort(Comparator.comparing(MigrationInfo::version));
        return infos;
    }

    /** Describes one resolved migration as it stands. */
    public MigrationInfo describe(ResolvedMigration migration, @Nullable String deferralReason) {
        return describe(deferralReason == null ? Map.of() : Map.of(migration.version(), deferralReason)).stream()
            .filter((info) -> info.version().equals(migration.version()))
            .findFirst()
            .orElseThrow();
    }

    /** Describes a history row on its own, e.g. a migration of a newer release whose file this code does not have. */
    public static MigrationInfo describe(AppliedMigration row) {
        return info(row.version(), row.description(), null, row, stateOf(row), null);
    }

    private static MigrationState stateOf(AppliedMigration row) {
        return switch (row.outcome()) {
            case SUCCESS -> MigrationState.APPLIED;
            case RUNNING -> MigrationState.RUNNING;
            case INTERRUPTED -> MigrationState.INTERRUPTED;
            default -> MigrationState.FAILED;
        };
    }

    /** How far an unfinished migration got, and who ran it, for operators. */
    private static @Nullable String progress(@Nullable ResolvedMigration migration, @Nullable AppliedMigration row) {
        if (row == null || row.success()) {
            return null;
        }
        String total = (migration != null && !migration.statements().isEmpty())
                ? " of " + migration.statements().size() : "";
        String by = "host " + row.host() + ", code " + row.codeVersion()
                + ((row.backendPid() != null) ? ", database pid " + row.backendPid() : "") + ", started " + row.installedOn();
        return switch (row.outcome()) {
            case RUNNING -> row.statementsApplied() + total + " statement(s) completed so far (" + by + ")";
            case INTERRUPTED -> "interrupted after " + row.statementsApplied() + total + " completed statement(s): the "
                    + "process applying it died (" + by + "); the next run resumes after the completed statements";
            default -> "failed after " + row.statementsApplied() + total + " completed statement(s) (" + by + ", "
                    + row.attempts() + " attempt(s)); the next run continues with the failed statement";
        };
    }

    private static MigrationInfo info(Version version, String description, @Nullable ResolvedMigration migration,
            @Nullable AppliedMigration applied, MigrationState state, @Nullable String reason) {
        boolean succeeded = state == MigrationState.APPLIED || state == MigrationState.MISSING;
        Phase phase;
        Version release;
        String script;
        @Nullable String checksum;
        if (migration != null) {
            phase = migration.phase();
            release = migration.release();
            script = migration.script();
            checksum = migration.checksum();
        }
        else {
            // A migration without a file is known from its history row alone.
            AppliedMigration row = Objects.requireNonNull(applied, "history row");
            phase = row.phase();
            release = row.release();
            script = row.script();
            checksum = row.checksum();
        }
        return new MigrationInfo(version, description, phase, release, script, checksum, state, reason,
                (applied != null && succeeded) ? applied.installedBy() : null,
                (applied != null) ? applied.installedOn() : null,
                (applied != null && succeeded) ? applied.host() : null,
                (applied != null && succeeded) ? applied.codeVersion() : null,
                (applied != null) ? applied.executionTime() : null,
                (applied != null && succeeded) ? applied.installedRank() : null, progress(migration, applied));
    }

}
