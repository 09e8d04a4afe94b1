package dev.tidemark.migration.internal.adopt;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.tidemark.migration.AdoptionSettings;
import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.history.HistoryTable;
import dev.tidemark.migration.internal.history.Outcome;
import dev.tidemark.migration.internal.history.SchemaProbe;
import dev.tidemark.migration.internal.sql.TableName;

/**
 * Taking over a schema Tidemark has no history of yet, on its first start: with {@code baselineVersion} set
 * and application tables in the schema, one baseline row; otherwise, when Flyway's history table exists, its
 * rows (see {@link FlywayHistory}); otherwise nothing, and every migration runs. Until the rows are recorded
 * (under the migration lock, in one transaction) they stand in for the history, so that {@code info()},
 * {@code validate()} and the plan see the schema as it is, and a start that has nothing else to do still takes
 * the lock once to record them. Thread-safe (immutable).
 */
public final class Adoption {

    private static final String BASELINE_DESCRIPTION = "<< Tidemark baseline >>";

    private final AdoptionSettings settings;

    /** Creates the adoption rules of the settings. */
    public Adoption(AdoptionSettings settings) {
        this.settings = settings;
    }

    /**
     * The rows that stand for the history of a schema Tidemark has not taken over yet, or none.
     * @param probe what the schema holds
     * @param tidemarkRows Tidemark's own history rows
     * @param by the host and code version recorded on a baseline row
     * @throws TidemarkException with {@link ErrorCode#ADOPTION_REFUSED} for a Flyway history that cannot be taken
     *         over, or a configured baseline that contradicts the baseline of Tidemark's history
     */
    public List<AppliedMigration> pending(Connection connection, SchemaProbe probe, List<AppliedMigration> tidemarkRows,
            HistoryTable.Attribution by) throws SQLException {
        Version baseline = this.settings.baselineVersion();
        if (!tidemarkRows.isEmpty()) {
            // The property acts on the first start only; later it must not contradict what that start recorded.
            tidemarkRows.stream().filter((row) -> row.outcome() == Outcome.BASELINE).findFirst().ifPresent((row) -> {
                if (baseline != null && !row.version().equals(baseline)) {
                    throw new TidemarkException(ErrorCode.ADOPTION_REFUSED, "The history records a baseline at V"
                            + row.version() + " (" + row.installedOn() + ") but baselineVersion (tidemark.baseline-version) "
                            + "says " + baseline + "; a baseline is taken once: remove the setting or set it to "
                            + row.version() + ". Nothing was changed.");
                }
            });
            return List.of();
        }
        String schema = probe.schema();
        if (schema == null) {
            return List.of();
        }
        if (baseline != null && probe.holdsApplicationTables()) {
            return List.of(baselineRow(connection, baseline, by, "taken over as it was: baselineVersion " + baseline));
        }
        if (probe.flywayTableExists()) {
            return FlywayHistory.read(connection, new TableName(schema, this.settings.flywayHistoryTable()),
                    this.settings.baselineRelease());
        }
        return List.of();
    }

    /**
     * Records what stands for the history of the schema, when Tidemark's history is still empty (another instance
     * may have done it while this one waited for the lock); call under the migration lock.
     * @return the rows recorded, none when there was nothing to take over or it was done already
     */
    public List<AppliedMigration> adopt(Connection connection, HistoryTable history, SchemaProbe probe,
            HistoryTable.Attribution by) throws SQLException {
        if (!history.readAll(connection).isEmpty()) {
            return List.of();
        }
        List<AppliedMigration> adopted = pending(connection, probe, List.of(), by);
        record(connection, history, adopted);
        return adopted;
    }

    /**
     * Records a baseline at a version, on request; call under the migration lock.
     * @throws TidemarkException with {@link ErrorCode#ADOPTION_REFUSED} when Tidemark already keeps a history there
     */
    public void baseline(Connection connection, HistoryTable history, Version version, HistoryTable.Attribution by)
            throws SQLException {
        List<AppliedMigration> rows = history.readAll(connection);
        if (!rows.isEmpty()) {
            throw new TidemarkException(ErrorCode.ADOPTION_REFUSED, "Cannot record a baseline at V" + version + ": "
                    + history.qualifiedName() + " already holds " + rows.size() + " row(s). A baseline is for a schema "
                    + "Tidemark has not managed yet; this one it manages already. Nothing was changed.");
        }
        record(connection, history, List.of(baselineRow(connection, version, by, "baseline requested through the API")));
    }

    /** Records the rows in Tidemark's history, all or none; call under the migration lock. */
    static void record(Connection connection, HistoryTable history, List<AppliedMigration> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (AppliedMigration row : rows) {
                history.recordAdopted(connection, row);
            }
            connection.commit();
        }
        catch (SQLException | RuntimeException ex) {
            connection.rollback();
            throw ex;
        }
        finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** A baseline row at a version, recorded for the connection's user now. */
    private AppliedMigration baselineRow(Connection connection, Version version, HistoryTable.Attribution by, String note)
            throws SQLException {
        return new AppliedMigration(0, version, BASELINE_DESCRIPTION, Phase.EXPAND, this.settings.baselineRelease(),
                "baseline", null, connection.getMetaData().getUserName(), Instant.now(), by.host(), by.codeVersion(),
                Duration.ZERO, Outcome.BASELINE, 0, note, 1, null, null);
    }

}
