package dev.tidemark.migration.internal.resolve;

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
