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
import dev.tidemark.migration.internal.resolve.ResolvedMigration;

/**
 * The resolved migrations joined with the history rows, by version. Immutable once built; a new one is
 * built whenever the history is read again.
 */
public final class MigrationCatalog {

    private final List<ResolvedMigration> resolved;

    private final Map<Version, AppliedMigration> succeeded = new LinkedHashMap<>();

    private final Map<Version, AppliedMigration> failed = new LinkedHashMap<>();

    /**
     * Joins the two sides.
     * @param resolved the migrations of the locations, sorted by version
     * @param history the history rows in order of application
     */
    public MigrationCatalog(List<ResolvedMigration> resolved, List<AppliedMigration> history) {
        this.resolved = resolved;
        for (AppliedMigration row : history) {
            (row.success() ? this.succeeded : this.failed).put(row.version(), row);
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

    /** The failed row of a version, if its last attempt failed part-way. */
    public Optional<AppliedMigration> failure(Version version) {
        return Optional.ofNullable(this.failed.get(version));
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
            else if (this.failed.containsKey(migration.version())) {
                infos.add(info(migration.version(), migration.description(), migration,
                        this.failed.get(migration.version()), MigrationState.FAILED, null));
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
                (applied != null && succeeded) ? applied.installedRank() : null);
    }

}
