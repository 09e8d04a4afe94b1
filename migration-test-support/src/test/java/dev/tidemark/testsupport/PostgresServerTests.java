package dev.tidemark.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresServerTests {

    @Test
    void createdDatabaseIsEmptyAndDroppedOnClose() throws Exception {
        String name;
        try (TestDatabase database = PostgresServer.get().createDatabase("PostgresServerTests");
                var connection = database.getConnection(); var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT current_database(), "
                        + "(SELECT count(*) FROM pg_tables WHERE schemaname = 'public')")) {
            result.next();
            name = result.getString(1);
            assertThat(name).isEqualTo(database.name()).startsWith("tm_postgresservertests_");
            assertThat(result.getLong(2)).isZero();
        }
        try (var connection = PostgresServer.get().connect("postgres"); var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            result.next();
            assertThat(result.getLong(1)).isZero();
        }
    }

}
