package dev.tidemark.migration.internal.locksafety;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

@WithPostgres
class LockModeTests {

    @Test
    void theConflictTableIsPostgresqlsOwn(TestDatabase database) throws SQLException {
        database.resetSchema();
        Sql.execute(database, "CREATE TABLE t (id int)");
        try (Connection holder = database.getConnection(); Connection requester = database.getConnection()) {
            holder.setAutoCommit(false);
            requester.setAutoCommit(false);
            for (LockMode held : LockMode.values()) {
                execute(holder, "LOCK TABLE t IN " + sql(held) + " MODE");
                for (LockMode requested : LockMode.values()) {
                    boolean granted;
                    try {
                        execute(requester, "LOCK TABLE t IN " + sql(requested) + " MODE NOWAIT");
                        granted = true;
                    }
                    catch (SQLException ex) {
                        assertThat(ex.getSQLState()).isEqualTo(StatementRunner.LOCK_NOT_AVAILABLE);
                        granted = false;
                    }
                    requester.rollback();
                    assertThat(requested.conflicts().contains(held)).as(requested + " requested while " + held + " is held")
                        .isEqualTo(!granted);
                }
                holder.rollback();
            }
        }
    }

    @Test
    void modesAreFoundByTheNamePgLocksShows() {
        assertThat(LockMode.of("AccessExclusiveLock")).isEqualTo(LockMode.ACCESS_EXCLUSIVE);
        assertThat(LockMode.of("ShareUpdateExclusiveLock")).isEqualTo(LockMode.SHARE_UPDATE_EXCLUSIVE);
        assertThat(LockMode.of("SIReadLock")).isNull();
    }

    private static String sql(LockMode mode) {
        return mode.name().replace('_', ' ').toUpperCase(Locale.ROOT);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
