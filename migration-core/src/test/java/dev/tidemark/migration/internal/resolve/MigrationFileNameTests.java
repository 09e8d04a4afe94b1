package dev.tidemark.migration.internal.resolve;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tidemark.migration.InvalidMigrationException;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationFileNameTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            V12__expand__add_full_name.sql      | 12  | EXPAND   | add full name
            V2.1__migrate__backfill_names.sql   | 2.1 | MIGRATE  | backfill names
            V7__CONTRACT__drop_name.sql         | 7   | CONTRACT | drop name
            V3__expand__a__b.sql                | 3   | EXPAND   | a  b
            """)
    void wellFormedNamesCarryVersionPhaseAndDescription(String fileName, String version, Phase phase, String description) {
        MigrationFileName name = MigrationFileName.parse(fileName, "db/" + fileName);
        assertThat(name.version()).isEqualTo(Version.parse(version));
        assertThat(name.phase()).isEqualTo(phase);
        assertThat(name.description()).isEqualTo(description);
    }

    @ParameterizedTest
    @ValueSource(strings = { "V1_expand_x.sql", "1__expand__x.sql", "V1__expand.sql", "V1__expand__.sql",
            "v1__expand__x.sql", "V1__expand__x.SQL", "Vx__expand__x.sql", "V1.__expand__x.sql" })
    void malformedNamesAreRejectedWithTheConvention(String fileName) {
        assertThatExceptionOfType(InvalidMigrationException.class)
            .isThrownBy(() -> MigrationFileName.parse(fileName, "db/" + fileName))
            .withMessageContaining("db/" + fileName)
            .withMessageContaining("e.g. V");
    }

    @Test
    void unknownPhaseNamesTheKnownPhases() {
        assertThatExceptionOfType(InvalidMigrationException.class)
            .isThrownBy(() -> MigrationFileName.parse("V1__shrink__x.sql", "V1__shrink__x.sql"))
            .withMessageContaining("unknown phase 'shrink'")
            .withMessageContaining("expand, migrate or contract");
    }

    @Test
    void versionsSortNumericallyNotAlphabetically() {
        assertThat(MigrationFileName.parse("V10__expand__x.sql", "a").version())
            .isGreaterThan(MigrationFileName.parse("V9__expand__x.sql", "b").version());
    }

    @Test
    void theShapeIsToldByHandExactlyAsTheRegularExpressionTellsIt() {
        for (String name : List.of("V1__expand__a.sql", "V1__expand__a_b__c.sql", "V1.2__migrate__x.y.sql", "V1__expand__.sql",
                "V1___expand__a.sql", "V1__expand___a.sql", "V__expand__a.sql", "V1__expand_a.sql", "V1_expand__a.sql",
                "V1__expand__a.SQL", "v1__expand__a.sql", "V1__exp_and__a.sql", "V1__expand__a.sql.sql", "X1__expand__a.sql",
                "V1__expand__a", "V1____a.sql", "V1__expand__a_.sql", "V1__add_users.sql", "R__view.sql", "V__.sql")) {
            assertThat(MigrationFileName.hasShape(name)).as(name).isEqualTo(MigrationFileName.NAME.matcher(name).matches());
        }
    }

}
