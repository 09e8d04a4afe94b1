package dev.tidemark.migration.internal.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class StatementClassifierTests {

    @ParameterizedTest(name = "{1} in a transaction: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            CREATE INDEX CONCURRENTLY i ON t (a)                                | false
            create unique index concurrently if not exists i on t (a)           | false
            CREATE /* why */ INDEX\\n CONCURRENTLY ON t (a)                    | false
            CREATE INDEX concurrently ON t (a)                                  | false
            CREATE INDEX concurrently_idx ON t (a)                              | true
            CREATE INDEX concurrently$1 ON t (a)                                | true
            CREATE INDEX "concurrently" ON t (a)                                | true
            CREATE INDEX IF NOT EXISTS concurrently_a ON t (a)                  | true
            CREATE INDEX i ON t (a) -- CONCURRENTLY later                       | true
            CREATE INDEX i ON t USING gin (a) WHERE b = 'CONCURRENTLY'          | true
            CREATE UNIQUE INDEX i ON t (a)                                      | true
            DROP INDEX CONCURRENTLY IF EXISTS i                                 | false
            DROP INDEX i                                                        | true
            DROP INDEX concurrently_idx                                         | true
            REINDEX INDEX CONCURRENTLY i                                        | false
            REINDEX TABLE i                                                     | true
            REINDEX (VERBOSE) TABLE CONCURRENTLY t                              | false
            REINDEX (CONCURRENTLY) TABLE t                                      | false
            REINDEX (VERBOSE, CONCURRENTLY true) INDEX i                        | false
            REINDEX (CONCURRENTLY false) INDEX i                                | true
            REINDEX SCHEMA app                                                  | false
            REINDEX DATABASE                                                    | false
            reindex system app                                                  | false
            ALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY                  | false
            ALTER TABLE IF EXISTS ONLY "m" DETACH PARTITION app."m 2020" CONCURRENTLY | false
            ALTER TABLE m DETACH PARTITION m_2020 FINALIZE                      | true
            ALTER TABLE m DETACH PARTITION m_2020                               | true
            ALTER TABLE m ADD COLUMN c text DEFAULT 'DETACH PARTITION x CONCURRENTLY' | true
            VACUUM                                                              | false
            VACUUM (ANALYZE) t                                                  | false
            ANALYZE t                                                           | true
            ALTER SYSTEM SET work_mem = '64MB'                                  | false
            CREATE DATABASE app                                                 | false
            DROP DATABASE IF EXISTS app                                         | false
            ALTER DATABASE app SET TABLESPACE fast                              | false
            ALTER DATABASE app SET search_path = app, public                    | true
            CREATE TABLESPACE fast LOCATION '/ssd'                              | false
            DROP TABLESPACE fast                                                | false
            ALTER TABLESPACE fast RENAME TO faster                              | true
            CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p             | false
            DROP SUBSCRIPTION s                                                 | false
            ALTER SUBSCRIPTION s REFRESH PUBLICATION                            | false
            ALTER SUBSCRIPTION s SET PUBLICATION p                              | false
            ALTER SUBSCRIPTION s ADD PUBLICATION p WITH (refresh = false)       | true
            ALTER SUBSCRIPTION s SET (failover = true)                          | false
            ALTER SUBSCRIPTION s SET (two_phase = false)                        | false
            ALTER SUBSCRIPTION s SET (binary = true)                            | true
            ALTER SUBSCRIPTION s ENABLE                                         | true
            ALTER SUBSCRIPTION s OWNER TO app                                   | true
            DISCARD ALL                                                         | false
            DISCARD PLANS                                                       | true
            CLUSTER                                                             | false
            CLUSTER VERBOSE                                                     | false
            CLUSTER (VERBOSE)                                                   | false
            CLUSTER t USING t_pkey                                              | true
            CLUSTER t                                                           | true
            COMMIT PREPARED 'tx1'                                               | false
            ALTER TYPE mood ADD VALUE 'meh'                                     | true
            REFRESH MATERIALIZED VIEW CONCURRENTLY mv                           | true
            CREATE TABLE concurrently (a int)                                   | true
            SELECT 'VACUUM'                                                     | true
            DO $$ BEGIN EXECUTE 'VACUUM'; END $$                                | true
            """)
    void knowsWhichStatementsPostgresRefusesInATransaction(String sql, boolean expected) {
        assertThat(StatementClassifier.canRunInTransaction(statement(sql))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} transaction control: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            BEGIN                                              | true
            begin work                                         | true
            BEGIN ISOLATION LEVEL SERIALIZABLE                 | true
            START TRANSACTION READ ONLY                        | true
            COMMIT                                             | true
            COMMIT AND CHAIN                                   | true
            END                                                | true
            end transaction                                    | true
            ROLLBACK                                           | true
            ROLLBACK TO SAVEPOINT s                            | true
            ABORT                                              | true
            SAVEPOINT s                                        | true
            RELEASE SAVEPOINT s                                | true
            RELEASE s                                          | true
            PREPARE TRANSACTION 'tx1'                          | true
            PREPARE TRANSACTION $$tx1$$                        | true
            COMMIT PREPARED 'tx1'                              | true
            ROLLBACK PREPARED 'tx1'                            | true
            /* first */ -- then\\n COMMIT                       | true
            PREPARE transaction_lookup AS SELECT 1             | false
            PREPARE transaction AS SELECT 1                    | false
            BEGIN ATOMIC SELECT 1; END                         | false
            CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END | false
            DO $$ BEGIN PERFORM 1; END $$                      | false
            beginning_of_time                                  | false
            SELECT 'COMMIT'                                    | false
            "begin"                                            | false
            ENDPOINT                                           | false
            SET TRANSACTION ISOLATION LEVEL SERIALIZABLE       | false
            """)
    void recognisesTransactionControl(String sql, boolean expected) {
        assertThat(StatementClassifier.isTransactionControl(statement(sql))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} COPY FROM STDIN: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            COPY t FROM STDIN                                        | true
            copy app.t (a, b) from stdin with (format csv)           | true
            COPY t(a)FROM STDIN                                      | true
            COPY t FROM '/tmp/data.csv'                              | false
            COPY t FROM PROGRAM 'cat data'                           | false
            COPY (SELECT 1) TO STDOUT                                | false
            COPY t TO STDOUT                                         | false
            COPY "x FROM STDIN" TO '/tmp/x'                          | false
            COPY t FROM stdin_file                                   | false
            SELECT 'COPY t FROM STDIN'                               | false
            """)
    void recognisesCopyFromStdin(String sql, boolean expected) {
        assertThat(StatementClassifier.isCopyFromStdin(statement(sql))).isEqualTo(expected);
    }

    private static SqlStatement statement(String sql) {
        // The tables write a line break as \n to keep each case on one line.
        return new SqlStatement(sql.replace("\\n", "\n"), 1);
    }

}
