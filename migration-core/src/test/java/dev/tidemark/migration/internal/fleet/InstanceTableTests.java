package dev.tidemark.migration.internal.fleet;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

@WithPostgres
class InstanceTableTests {

    /**
     * Two instances create the registry at once; the one whose CREATE waits for the other's uncommitted
     * catalog rows gets a duplicate error once those commit. Which one depends on the PostgreSQL version and
     * on the moment: duplicate_table, unique_violation on pg_type, or duplicate_object ("type ... already
     * exists"). Every form means the table is there now.
     */
    @Test
    void creatorThatLosesTheRaceTakesTheWinnersTable(TestDatabase database) throws Exception {
        InstanceTable table = new InstanceTable("public", "tidemark_instances");
        try (Connection winner = database.getConnection(); Connection loser = database.getConnection()) {
            winner.setAutoCommit(false);
            table.createIfAbsent(winner);
            CompletableFuture<Void> losing = CompletableFuture.runAsync(() -> {
                try {
                    table.createIfAbsent(loser);
                }
                catch (java.sql.SQLException ex) {
                    throw new IllegalStateException(ex.getSQLState() + ": " + ex.getMessage(), ex);
                }
            });
            // The loser's CREATE now waits for the winner's transaction.
            Thread.sleep(500);
            assertThat(losing).isNotDone();
            winner.commit();
            losing.get(10, TimeUnit.SECONDS);
            assertThat(table.exists(loser)).isTrue();
        }
    }

}
