package dev.tidemark.migration.internal.resolve;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.internal.sql.SqlStatement;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumsTests {

    private static final String SCRIPT = "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n";

    @Test
    void lineEndingsAndByteOrderMarkDoNotChangeTheChecksum() {
        String checksum = Checksums.of(SCRIPT);
        assertThat(Checksums.of(SCRIPT.replace("\n", "\r\n"))).isEqualTo(checksum);
        assertThat(Checksums.of(SCRIPT.replace("\n", "\r"))).isEqualTo(checksum);
        assertThat(Checksums.of("\uFEFF" + SCRIPT)).isEqualTo(checksum);
    }

    @Test
    void anyRealEditChangesTheChecksum() {
        String checksum = Checksums.of(SCRIPT);
        assertThat(Checksums.of(SCRIPT.replace("id int", "id bigint"))).isNotEqualTo(checksum);
        assertThat(Checksums.of(SCRIPT + " ")).isNotEqualTo(checksum);
        assertThat(Checksums.of(SCRIPT.replace("a (", "A ("))).isNotEqualTo(checksum);
    }

    @Test
    void checksumOfUtf8BytesEqualsTheChecksumOfTheDecodedText() {
        for (String text : List.of(SCRIPT, SCRIPT.replace("\n", "\r\n"), SCRIPT.replace("\n", "\r"), "\uFEFF" + SCRIPT,
                "a\r\r\nb\r", "\r\n", "", "\uFEFF", "\uFEFF\uFEFFx", "-- café ☕ 𝄞\r\nSELECT 'ü';\r", "x\n\uFEFFy")) {
            assertThat(Checksums.ofUtf8(text.getBytes(StandardCharsets.UTF_8))).as(text).isEqualTo(Checksums.of(text));
        }
    }

    @Test
    void flywayChecksumOfUtf8BytesEqualsTheChecksumOfTheDecodedText() {
        for (String text : List.of(SCRIPT, SCRIPT.replace("\n", "\r\n"), "\uFEFF" + SCRIPT, "a\r\r\nb\r", "\n\n",
                "", "\uFEFF", "x\n\uFEFFy\n", "-- café ☕ 𝄞\r\nSELECT 'ü';\r")) {
            assertThat(FlywayChecksum.ofUtf8(text.getBytes(StandardCharsets.UTF_8))).as(text)
                .isEqualTo(FlywayChecksum.of(text));
        }
    }

    @Test
    void flywayChecksumIgnoresLineEndingsAndAFinalLineBreakLikeFlywayButNotBlankLinesInBetween() {
        String checksum = FlywayChecksum.of("SELECT 1;\nSELECT 2;");
        assertThat(FlywayChecksum.of("SELECT 1;\r\nSELECT 2;\r\n")).isEqualTo(checksum);
        assertThat(FlywayChecksum.of("\uFEFFSELECT 1;\rSELECT 2;\n")).isEqualTo(checksum);
        // Flyway feeds each line without its break to the CRC, so joining two lines does not change it either.
        assertThat(FlywayChecksum.of("SELECT 1;SELECT 2;")).isEqualTo(checksum);
        assertThat(FlywayChecksum.of("SELECT 1;\nSELECT 3;")).isNotEqualTo(checksum);
        assertThat(FlywayChecksum.isFlywayForm(checksum)).isTrue();
        assertThat(FlywayChecksum.isFlywayForm(Checksums.of("SELECT 1;"))).isFalse();
    }

    @Test
    void checksumIsSixteenHexDigits() {
        assertThat(Checksums.of(SCRIPT)).matches("[0-9a-f]{16}");
    }

    @Test
    void statementChecksumCoversOnlyTheCompletedStatements() {
        List<SqlStatement> original = List.of(new SqlStatement("CREATE INDEX a", 1), new SqlStatement("broken", 2));
        List<SqlStatement> fixed = List.of(new SqlStatement("CREATE INDEX a", 1), new SqlStatement("fixed", 2));
        assertThat(Checksums.ofStatements(fixed, 1)).isEqualTo(Checksums.ofStatements(original, 1));
        assertThat(Checksums.ofStatements(fixed, 2)).isNotEqualTo(Checksums.ofStatements(original, 2));
    }

}
