package dev.tidemark.migration.internal.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.StatementFailedException;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.history.HistoryTable;
import dev.tidemark.migration.internal.resolve.Checksums;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.sql.SqlStatement;

/**
 * Runs one migration on the DDL connection and records it in the history. The only place that sends
 * migration SQL to the database: one statement per {@code execute}, never a multi-statement string
 * (the server would run such a string as one implicit transaction, which {@code CREATE INDEX
 * CONCURRENTLY} refuses). Not thread-safe: one migrating thread uses it.
 */
public final class MigrationExecutor {

    private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

    private final HistoryTable history;

    private final String host;

    private final String codeVersion;

    /**
     * Creates the executor.
     * @param history the history table
     * @param host the host recorded with each row
     * @param codeVersion the code version recorded with each row
     */
    public MigrationExecutor(HistoryTable history, String host, String codeVersion) {
        this.history = history;
        this.host = host;
        this.codeVersion = codeVersion;
    }

    /**
     * Applies a migration and records it.
     * @param connection the DDL connection, outside any transaction
     * @param migration the migration
     * @param previousFailure the failed row of an earlier attempt of a non-transactional migration, if any
     * @param beforeCommit checks run right before the migration commits (e.g. that the lock is still held)
     * @return how long it ran
     * @throws StatementFailedException when a statement fails
     */
    public Duration apply(Connection connection, ResolvedMigration migration, @Nullable AppliedMigration previousFailure,
            Runnable beforeCommit) {
        return migration.transactional() ? applyInTransaction(connection, migration, beforeCommit)
                : applyInAutocommit(connection, migration, previousFailure);
    }

    private Duration applyInTransaction(Connection connection, ResolvedMigration migration, Runnable beforeCommit) {
        long start = System.nanoTime();
        try {
            connection.setAutoCommit(false);
            try {
                if (migration.java() != null) {
                    runJava(connection, migration);
                }
                else {
                    runStatements(connection, migration, migration.statements(), 0, new int[1]);
                }
                Duration took = elapsed(start);
                this.history.recordSuccess(connection, migration, this.host, this.codeVersion, took, null);
                beforeCommit.run();
                connection.commit();
                return took;
            }
            catch (RuntimeException | SQLException ex) {
                rollback(connection);
                throw ex;
            }
            finally {
                connection.setAutoCommit(true);
            }
        }
        catch (SQLException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not record " + migration.label() + " ("
                    + migration.script() + ") in " + this.history.qualifiedName() + ": " + ex.getMessage()
                    + "; the migration was rolled back", ex);
        }
    }

    private Duration applyInAutocommit(Connection connection, ResolvedMigration migration,
            @Nullable AppliedMigration previousFailure) {
        long start = System.nanoTime();
        int resumeAt = resumePoint(migration, previousFailure);
        int[] done = { resumeAt };
        try {
            connection.setAutoCommit(true);
            try {
                if (migration.java() != null) {
                    runJava(connection, migration);
                }
                else {
                    runStatements(connection, migration, migration.statements(), resumeAt, done);
                }
            }
            catch (StatementFailedException ex) {
                recordFailure(connection, migration, elapsed(start), done[0]);
                throw ex;
            }
            Duration took = elapsed(start);
            connection.setAutoCommit(false);
            try {
                this.history.deleteFailures(connection, migration.version());
                this.history.recordSuccess(connection, migration, this.host, this.codeVersion, took, null);
                connection.commit();
            }
            catch (SQLException ex) {
                rollback(connection);
                throw ex;
            }
            finally {
                connection.setAutoCommit(true);
            }
            return took;
        }
        catch (SQLException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not record " + migration.label() + " ("
                    + migration.script() + ") in " + this.history.qualifiedName() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * A non-transactional migration that failed part-way continues with the failed statement, provided
     * the statements that completed are unchanged (the failed row records their checksum), so fixing the
     * failed statement itself is the expected repair. Otherwise it starts again from the top.
     */
    private static int resumePoint(ResolvedMigration migration, @Nullable AppliedMigration previousFailure) {
        if (previousFailure == null || previousFailure.statementsApplied() == 0) {
            return 0;
        }
        int done = previousFailure.statementsApplied();
        if (done < migration.statements().size()
                && Checksums.ofStatements(migration.statements(), done).equals(previousFailure.checksum())) {
            logger.info("Resuming {} at statement {} of {}: the statements before it completed in an earlier run",
                    migration.label(), done + 1, migration.statements().size());
            return done;
        }
        logger.warn("{} failed in an earlier run after {} statement(s), and those statements changed since; "
                + "running it again from the top", migration.label(), done);
        return 0;
    }

    private void recordFailure(Connection connection, ResolvedMigration migration, Duration took, int statementsApplied) {
        try {
            connection.setAutoCommit(false);
            this.history.deleteFailures(connection, migration.version());
            this.history.recordFailure(connection, migration, Checksums.ofStatements(migration.statements(), statementsApplied),
                    this.host, this.codeVersion, took, statementsApplied);
            connection.commit();
            connection.setAutoCommit(true);
        }
        catch (SQLException ex) {
            rollback(connection);
            logger.error("Could not record the failure of {} in {}", migration.label(), this.history.qualifiedName(), ex);
        }
    }

    private void runStatements(Connection connection, ResolvedMigration migration, List<SqlStatement> statements,
            int from, int[] done) {
        for (int i = from; i < statements.size(); i++) {
            SqlStatement statement = statements.get(i);
            try (Statement jdbc = connection.createStatement()) {
                // The script is sent as written: JDBC escape syntax such as {fn ...} is not ours to rewrite.
                jdbc.setEscapeProcessing(false);
                jdbc.execute(statement.sql());
            }
            catch (SQLException ex) {
                throw statementFailed(migration, statement, ex);
            }
            done[0] = i + 1;
        }
    }

    private static void runJava(Connection connection, ResolvedMigration migration) {
        try {
            migration.java().migrate(connection);
        }
        catch (SQLException ex) {
            throw new StatementFailedException(migration.script(), 0, ex.getSQLState(), migration.label() + " ("
                    + migration.script() + ") failed (SQL state " + ex.getSQLState() + "): " + ex.getMessage()
                    + outcome(migration), ex);
        }
        catch (Exception ex) {
            throw new StatementFailedException(migration.script(), 0, null, migration.label() + " ("
                    + migration.script() + ") failed: " + ex + outcome(migration), ex);
        }
    }

    private static StatementFailedException statementFailed(ResolvedMigration migration, SqlStatement statement,
            SQLException ex) {
        String message = migration.label() + " failed at " + migration.script() + " line " + statement.line()
                + " (SQL state " + ex.getSQLState() + "): " + firstLine(ex.getMessage()) + "\n    Statement: "
                + abbreviate(statement.sql()) + "\n    " + outcome(migration);
        return new StatementFailedException(migration.script(), statement.line(), ex.getSQLState(), message, ex);
    }

    private static String outcome(ResolvedMigration migration) {
        return migration.transactional()
                ? "The migration was rolled back: nothing of it was applied or recorded. Fix it and start again."
                : "It runs outside a transaction, so the statements before this one stay applied; the next run "
                        + "continues with this statement.";
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline >= 0) ? message.substring(0, newline) : message;
    }

    private static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return (flat.length() > 200) ? flat.substring(0, 197) + "..." : flat;
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        }
        catch (SQLException ex) {
            logger.debug("Rollback failed", ex);
        }
    }

}
