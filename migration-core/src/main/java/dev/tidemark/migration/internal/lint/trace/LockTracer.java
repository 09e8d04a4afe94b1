package dev.tidemark.migration.internal.lint.trace;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tidemark.migration.LockLevel;
import dev.tidemark.migration.TracedStatement;
import dev.tidemark.migration.internal.lint.LintScript;
import dev.tidemark.migration.internal.sql.SqlStatement;
import dev.tidemark.migration.internal.sql.StatementClassifier;

/**
 * Runs migrations statement by statement inside one transaction per migration, which it rolls back, and records
 * for each statement what it did to the relations that existed when the migration began: the locks it took
 * ({@code pg_locks} of this backend), the relations whose {@code relfilenode} changed (rewritten), and the tables
 * whose {@code seq_scan} grew in {@code pg_stat_xact_user_tables} (read in full). A statement that fails is rolled
 * back to a savepoint and reported, and the migration goes on; a statement PostgreSQL refuses in a transaction is
 * reported and not run; transaction control in the file is skipped. Use it on a test database only: the statements
 * really run, and hold their locks until the rollback. Not thread-safe: one connection.
 */
public final class LockTracer {

    private static final String USER_RELATIONS = "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
            + "ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%' "
            + "AND c.relkind IN ('r', 'p', 'i', 'I', 'm', 'S')";

    private final Connection connection;

    /** Creates a tracer on a connection to a test database. */
    public LockTracer(Connection connection) {
        this.connection = connection;
    }

    /** Traces the scripts, each in a transaction of its own that is rolled back. */
    public List<TracedStatement> trace(List<LintScript> scripts) throws SQLException {
        List<TracedStatement> traced = new ArrayList<>();
        boolean autoCommit = this.connection.getAutoCommit();
        this.connection.setAutoCommit(false);
        try {
            for (LintScript script : scripts) {
                try {
                    traceScript(script, traced);
                }
                finally {
                    this.connection.rollback();
                }
            }
        }
        finally {
            this.connection.setAutoCommit(autoCommit);
        }
        return traced;
    }

    private void traceScript(LintScript script, List<TracedStatement> traced) throws SQLException {
        try (Statement statement = this.connection.createStatement()) {
            // A trace must not hang behind another session's lock.
            statement.execute("SET LOCAL lock_timeout = '10s'");
        }
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> files = relfilenodes(names);
        for (SqlStatement sql : script.statements()) {
            String text = sql.normalized();
            if (StatementClassifier.isTransactionControl(sql)) {
                continue;
            }
            if (!StatementClassifier.canRunInTransaction(sql)) {
                traced.add(new TracedStatement(script.script(), sql.line(), text, TracedStatement.Outcome.NOT_RUN, Map.of(),
                        locks(names), List.of(), List.of(), ""));
                continue;
            }
            Map<String, LockLevel> before = locks(names);
            Map<Long, Long> scansBefore = scans();
            Savepoint savepoint = this.connection.setSavepoint();
            String error = "";
            try (Statement statement = this.connection.createStatement()) {
                statement.execute(sql.sql());
                this.connection.releaseSavepoint(savepoint);
            }
            catch (SQLException ex) {
                this.connection.rollback(savepoint);
                error = ex.getSQLState() + ": " + ex.getMessage();
            }
            Map<String, LockLevel> after = locks(names);
            Map<String, LockLevel> taken = new LinkedHashMap<>();
            after.forEach((relation, level) -> {
                LockLevel previous = before.get(relation);
                if (previous == null || previous.compareTo(level) < 0) {
                    taken.put(relation, level);
                }
            });
            List<String> rewritten = new ArrayList<>();
            Map<Long, Long> filesAfter = relfilenodes(new HashMap<>());
            for (Map.Entry<Long, Long> file : files.entrySet()) {
                Long now = filesAfter.get(file.getKey());
                if (now != null && !now.equals(file.getValue())) {
                    rewritten.add(names.get(file.getKey()));
                    // The next statement is compared with the new file.
                    file.setValue(now);
                }
            }
            List<String> scanned = new ArrayList<>();
            scans().forEach((oid, count) -> {
                if (names.containsKey(oid) && count > scansBefore.getOrDefault(oid, 0L)) {
                    scanned.add(names.get(oid));
                }
            });
            traced.add(new TracedStatement(script.script(), sql.line(), text,
                    error.isEmpty() ? TracedStatement.Outcome.RAN : TracedStatement.Outcome.FAILED, taken, after,
                    rewritten, scanned, error));
        }
    }

    /** The relfilenode of every user relation; fills {@code names} with their names when it is empty. */
    private Map<Long, Long> relfilenodes(Map<Long, String> names) throws SQLException {
        Map<Long, Long> files = new HashMap<>();
        boolean fill = names.isEmpty();
        try (Statement statement = this.connection.createStatement(); ResultSet result = statement.executeQuery(
                "SELECT c.oid, n.nspname || '.' || c.relname, c.relfilenode " + USER_RELATIONS)) {
            while (result.next()) {
                files.put(result.getLong(1), result.getLong(3));
                if (fill) {
                    names.put(result.getLong(1), result.getString(2));
                }
            }
        }
        return files;
    }

    /** The strongest lock this backend holds on each relation that existed when the migration began. */
    private Map<String, LockLevel> locks(Map<Long, String> names) throws SQLException {
        Map<String, LockLevel> locks = new LinkedHashMap<>();
        try (Statement statement = this.connection.createStatement(); ResultSet result = statement.executeQuery(
                "SELECT relation::bigint, mode FROM pg_catalog.pg_locks WHERE pid = pg_backend_pid() "
                        + "AND locktype = 'relation' AND granted AND database = "
                        + "(SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())")) {
            while (result.next()) {
                String name = names.get(result.getLong(1));
                if (name != null) {
                    locks.merge(name, level(result.getString(2)), (a, b) -> (a.compareTo(b) >= 0) ? a : b);
                }
            }
        }
        return locks;
    }

    private Map<Long, Long> scans() throws SQLException {
        Map<Long, Long> scans = new HashMap<>();
        try (Statement statement = this.connection.createStatement(); ResultSet result = statement.executeQuery(
                "SELECT relid::bigint, seq_scan FROM pg_catalog.pg_stat_xact_user_tables")) {
            while (result.next()) {
                scans.put(result.getLong(1), result.getLong(2));
            }
        }
        return scans;
    }

    /** PostgreSQL's lock mode name as a {@link LockLevel}; ROW SHARE counts with ROW EXCLUSIVE, as elsewhere. */
    static LockLevel level(String mode) {
        return switch (mode) {
            case "AccessShareLock" -> LockLevel.ACCESS_SHARE;
            case "RowShareLock", "RowExclusiveLock" -> LockLevel.ROW_EXCLUSIVE;
            case "ShareUpdateExclusiveLock" -> LockLevel.SHARE_UPDATE_EXCLUSIVE;
            case "ShareLock" -> LockLevel.SHARE;
            case "ShareRowExclusiveLock" -> LockLevel.SHARE_ROW_EXCLUSIVE;
            case "ExclusiveLock" -> LockLevel.EXCLUSIVE;
            case "AccessExclusiveLock" -> LockLevel.ACCESS_EXCLUSIVE;
            default -> LockLevel.OTHER;
        };
    }

}
