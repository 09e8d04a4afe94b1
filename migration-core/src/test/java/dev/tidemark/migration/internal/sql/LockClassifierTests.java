package dev.tidemark.migration.internal.sql;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.LockLevel;

import static org.assertj.core.api.Assertions.assertThat;

class LockClassifierTests {

    private static LockLevel level(String sql) {
        return LockClassifier.levelOf(new SqlStatement(sql, 1));
    }

    @Test
    void mostAlterTableFormsDropAndTruncateTakeAccessExclusive() {
        assertThat(level("ALTER TABLE t ADD COLUMN c int")).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(level("alter table t\n  alter column c set not null")).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(level("ALTER TABLE t ADD COLUMN a int, VALIDATE CONSTRAINT c")).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(level("DROP TABLE t")).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(level("TRUNCATE t")).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(level("LOCK TABLE t")).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void concurrentIndexBuildsAndValidationTakeShareUpdateExclusive() {
        assertThat(level("CREATE UNIQUE INDEX CONCURRENTLY i ON t (c)")).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(level("DROP INDEX CONCURRENTLY i")).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(level("ALTER TABLE t VALIDATE CONSTRAINT c_check")).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(level("REINDEX INDEX CONCURRENTLY i")).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(level("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY")).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
    }

    @Test
    void attachingAPartitionLocksThePartitionAndTheDefaultPartitionAccessExclusive() {
        // Only the parent gets SHARE UPDATE EXCLUSIVE; a statement waits like its strongest lock.
        assertThat(level("ALTER TABLE p ATTACH PARTITION p1 FOR VALUES FROM (1) TO (10)"))
            .isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void plainIndexBuildsForeignKeysAndTriggersBlockWritesButNotReads() {
        assertThat(level("CREATE INDEX i ON t (c)")).isEqualTo(LockLevel.SHARE);
        assertThat(level("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES p (id)"))
            .isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(level("CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()"))
            .isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(level("LOCK TABLE t IN SHARE MODE")).isEqualTo(LockLevel.SHARE);
    }

    @Test
    void dataChangesAndNewObjectsAreNotWriteBlocking() {
        assertThat(level("UPDATE t SET c = 1 WHERE id < 1000")).isEqualTo(LockLevel.ROW_EXCLUSIVE);
        assertThat(level("CREATE TABLE n (id int)")).isEqualTo(LockLevel.NONE);
        assertThat(level("CREATE TABLE n (id int REFERENCES t (id))")).isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(level("CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql"))
            .isEqualTo(LockLevel.NONE);
        assertThat(level("GRANT SELECT ON t TO app")).isEqualTo(LockLevel.OTHER);
    }

    @Test
    void whatALevelBlocksFollowsPostgresConflictTable() {
        assertThat(LockLevel.ACCESS_EXCLUSIVE.blocksReads()).isTrue();
        assertThat(LockLevel.ACCESS_EXCLUSIVE.blocksWrites()).isTrue();
        assertThat(LockLevel.SHARE.blocksReads()).isFalse();
        assertThat(LockLevel.SHARE.blocksWrites()).isTrue();
        assertThat(LockLevel.OTHER.blocksReads()).isTrue();
        assertThat(LockLevel.SHARE_UPDATE_EXCLUSIVE.blocksWrites()).isFalse();
        assertThat(LockLevel.ROW_EXCLUSIVE.blocksWrites()).isFalse();
        assertThat(LockLevel.SHARE_ROW_EXCLUSIVE.describe()).isEqualTo("SHARE ROW EXCLUSIVE (blocks writes)");
    }

    @Test
    void keywordsInsideLiteralsAndQuotedNamesDoNotCount() {
        assertThat(level("ALTER TABLE t ALTER c SET DEFAULT ' VALIDATE CONSTRAINT '")).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(level("ALTER TABLE t ALTER c SET DEFAULT $$ FOREIGN KEY $$")).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(level("ALTER TABLE \"VALIDATE CONSTRAINT\" ADD COLUMN c int")).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(level("ALTER TABLE t /* VALIDATE CONSTRAINT x */ ADD COLUMN c int")).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(level("ALTER TABLE \"Orders\" VALIDATE CONSTRAINT \"Fk\"")).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(LockClassifier.indexBuildOf(new SqlStatement("SELECT 'CREATE INDEX CONCURRENTLY i ON t (c)'", 1))).isEmpty();
    }

    @Test
    void commasInsideParenthesesOrLiteralsAreNotSeveralActions() {
        assertThat(level("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES p (a, b) NOT VALID"))
            .isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(level("ALTER TABLE t VALIDATE CONSTRAINT c, ADD COLUMN d int")).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void findsTheIndexNameAndTableOfAConcurrentIndexBuild() {
        assertThat(LockClassifier.indexBuildOf(new SqlStatement(
                "create unique index concurrently if not exists Orders_Ref on only shop.\"Orders\" using btree (ref)", 1)))
            .contains(new IndexBuild("orders_ref", "shop", "Orders", true));
        assertThat(LockClassifier.indexBuildOf(new SqlStatement("CREATE INDEX CONCURRENTLY \"A\"\"b\" ON t (c)", 1)))
            .contains(new IndexBuild("A\"b", null, "t", false));
        assertThat(LockClassifier.indexBuildOf(new SqlStatement("CREATE INDEX CONCURRENTLY ON public.t (c)", 1)))
            .contains(new IndexBuild(null, "public", "t", false));
        assertThat(LockClassifier.indexBuildOf(new SqlStatement("create unique index concurrently on \"T\" (c)", 1)))
            .contains(new IndexBuild(null, null, "T", false));
        assertThat(LockClassifier.indexBuildOf(new SqlStatement("CREATE INDEX i ON t (c)", 1))).isEmpty();
    }

}
