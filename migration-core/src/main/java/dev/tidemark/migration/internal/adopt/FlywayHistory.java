package dev.tidemark.migration.internal.adopt;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.history.Outcome;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.sql.TableName;

/**
 * Flyway's history table ({@code flyway_schema_history}) read as Tidemark history rows, so that a schema
 * Flyway migrated is taken over as it is. Flyway's table is only ever read, never written: instances still
 * running Flyway during a rolling switch keep finding their history as they left it.
 * <p>
 * Each Flyway row becomes: a successful versioned migration a {@link Outcome#SUCCESS} row with Flyway's
 * checksum; a repeatable one a {@link Outcome#REPEATABLE} row; {@code << Flyway Baseline >>} a
 * {@link Outcome#BASELINE} row; the {@code << Flyway Schema Creation >>} marker nothing (it only says Flyway
 * created the schema). All are EXPAND rows of the baseline release, attributed to host {@value #HOST}.
 * What Tidemark cannot take over safely is refused with the repair, never skipped: a failed migration (the
 * schema may hold part of it), undo rows, Flyway Teams baseline migrations, rows Flyway's repair marked
 * deleted, and a history applied out of version order. Stateless.
 */
public final class FlywayHistory {

    /** The host recorded for rows imported from Flyway's history. */
    public static final String HOST = "flyway";

    private FlywayHistory() {
    }

    /**
     * Reads and checks Flyway's history.
     * @param table Flyway's table
     * @param release the release recorded for every row (the baseline release)
     * @throws TidemarkException with {@link ErrorCode#ADOPTION_REFUSED} for a history Tidemark cannot take over
     */
    public static List<AppliedMigration> read(Connection connection, TableName table, Version release)
            throws SQLException {
        List<AppliedMigration> rows = new ArrayList<>();
        AppliedMigration highest = null;
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT installed_rank, version, description, type, script, "
                        + "checksum, installed_by, installed_on, execution_time, success FROM " + table.qualified()
                        + " ORDER BY installed_rank")) {
            while (result.next()) {
                FlywayRow row = new FlywayRow(result.getInt(1), result.getString(2), result.getString(3),
                        result.getString(4).toUpperCase(Locale.ROOT), result.getString(5),
                        (result.getObject(6) != null) ? String.valueOf(result.getInt(6)) : null, result.getString(7),
                        result.getTimestamp(8).toInstant(), result.getInt(9), result.getBoolean(10));
                AppliedMigration converted = convert(table, row, release);
                if (converted == null) {
                    continue;
                }
                if (converted.outcome() != Outcome.REPEATABLE) {
                    if (highest != null && converted.version().compareTo(highest.version()) < 0) {
                        throw outOfOrder(table, converted, highest);
                    }
                    highest = converted;
                }
                rows.add(converted);
            }
        }
        return rows;
    }

    private static @Nullable AppliedMigration convert(TableName table, FlywayRow row, Version release) {
        if (row.type().equals("SCHEMA")) {
            return null;
        }
        if (!row.success()) {
            throw refused(table, row, "records it as failed: Flyway stopped part-way through it, so the schema may hold "
                    + "part of it", "Repair it with Flyway first: finish or undo by hand what the failed migration left "
                    + "behind, run 'flyway repair' (it removes the failed row), run 'flyway migrate' until it succeeds, "
                    + "then start with Tidemark again");
        }
        if (row.type().startsWith("UNDO")) {
            throw refused(table, row, "is an undo (Flyway Teams): the version it undid may or may not be in the schema",
                    "Apply the undone versions again with Flyway ('flyway migrate') so that the history ends with them "
                            + "applied, then start with Tidemark again");
        }
        if (row.type().equals("DELETE")) {
            throw refused(table, row, "marks an applied migration as deleted ('flyway repair' wrote it for a file that "
                    + "is gone)", "Restore the deleted migration's file under its old name (Tidemark checks every applied "
                    + "file), or adopt the schema as a baseline: set tidemark.baseline-version (core: baselineVersion) to "
                    + "the highest version Flyway applied");
        }
        if (row.type().endsWith("_BASELINE")) {
            throw refused(table, row, "is a baseline migration (Flyway Teams), which Tidemark does not run", "Adopt the "
                    + "schema as a baseline instead: set tidemark.baseline-version (core: baselineVersion) to the highest "
                    + "version Flyway applied");
        }
        Duration took = Duration.ofMillis(row.executionTime());
        String note = "imported from " + table.qualified() + " (installed_rank " + row.installedRank() + ", type "
                + row.type() + ")";
        if (row.version() == null) {
            return new AppliedMigration(row.installedRank(), ResolvedMigration.REPEATABLE, row.description(), Phase.EXPAND,
                    release, row.script(), row.checksum(), row.installedBy(), row.installedOn(), HOST, HOST, took,
                    Outcome.REPEATABLE, 0, note, 1, null, null);
        }
        Outcome outcome = row.type().equals("BASELINE") ? Outcome.BASELINE : Outcome.SUCCESS;
        return new AppliedMigration(row.installedRank(), Version.parse(row.version()), row.description(), Phase.EXPAND,
                release, row.script(), row.checksum(), row.installedBy(), row.installedOn(), HOST, HOST, took, outcome, 0,
                note, 1, null, null);
    }

    private static TidemarkException outOfOrder(TableName table, AppliedMigration late, AppliedMigration earlier) {
        return new TidemarkException(ErrorCode.ADOPTION_REFUSED, "Flyway's history " + table.qualified() + " applied V"
                + late.version() + " \"" + late.description() + "\" (installed_rank " + late.installedRank() + ") after V"
                + earlier.version() + " (installed_rank " + earlier.installedRank() + "): it was migrated out of order "
                + "(Flyway's outOfOrder). Tidemark takes over a Flyway history row by row only when it was applied in "
                + "version order, so that a database built from the files alone ends up the same. Repair: if every "
                + "environment applied the same versions, adopt the schema as a baseline instead: set "
                + "tidemark.baseline-version (core: baselineVersion) to the highest version Flyway applied; Tidemark then "
                + "records one baseline row and runs only the migrations above it. Nothing was changed.");
    }

    private static TidemarkException refused(TableName table, FlywayRow row, String problem, String repair) {
        String what = (row.version() != null) ? "V" + row.version() : "the repeatable migration";
        return new TidemarkException(ErrorCode.ADOPTION_REFUSED, "Flyway's history " + table.qualified() + " row "
                + row.installedRank() + " (" + what + " \"" + row.description() + "\", " + row.script() + ", type "
                + row.type() + ") " + problem + ". Tidemark does not take over such a history. " + repair
                + ". Nothing was changed.");
    }

    /** One row as Flyway wrote it. */
    private record FlywayRow(int installedRank, @Nullable String version, String description, String type, String script,
            @Nullable String checksum, String installedBy, java.time.Instant installedOn, int executionTime,
            boolean success) {
    }

}
