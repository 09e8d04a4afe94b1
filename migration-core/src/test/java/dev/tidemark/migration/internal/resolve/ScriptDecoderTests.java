package dev.tidemark.migration.internal.resolve;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.InvalidMigrationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScriptDecoderTests {

    private static final String SCRIPT = "1.0.0/V1__expand__x.sql";

    @Test
    void validUtf8IsDecoded() {
        String text = "INSERT INTO t VALUES ('café', '東京', '🙂');\n";
        assertThat(ScriptDecoder.decode(SCRIPT, text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
            .isEqualTo(text);
    }

    @Test
    void latin1ByteIsReportedWithItsLineAndByteOffsetNeverReplaced() {
        byte[] latin1 = "SELECT 1;\r\nSELECT 2;\n-- café\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatExceptionOfType(InvalidMigrationException.class)
            .isThrownBy(() -> ScriptDecoder.decode(SCRIPT, latin1, StandardCharsets.UTF_8))
            .satisfies((ex) -> {
                assertThat(ex.script()).isEqualTo(SCRIPT);
                assertThat(ex.line()).isEqualTo(3);
            })
            .withMessage("Migration " + SCRIPT + " (line 3): is not valid UTF-8: byte 0xE9 at byte offset 27 cannot "
                    + "be decoded. Save the file as UTF-8, or set Tidemark's encoding option (tidemark.encoding in "
                    + "Spring Boot) to the encoding it is written in");
    }

    @Test
    void offsetCountsBytesNotCharactersAfterMultiByteText() {
        // "é" is two bytes in UTF-8, so the stray 0xFF sits at byte offset 4, character offset 3.
        byte[] bytes = { 'c', 'a', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF };
        assertThatExceptionOfType(InvalidMigrationException.class)
            .isThrownBy(() -> ScriptDecoder.decode(SCRIPT, bytes, StandardCharsets.UTF_8))
            .satisfies((ex) -> assertThat(ex.line()).isEqualTo(1))
            .withMessageContaining("byte 0xFF at byte offset 4");
    }

    @Test
    void sequenceCutOffAtTheEndOfTheFileIsReported() {
        byte[] bytes = { 'S', 'E', 'L', 'E', 'C', 'T', '\n', (byte) 0xE6, (byte) 0x9D };
        assertThatExceptionOfType(InvalidMigrationException.class)
            .isThrownBy(() -> ScriptDecoder.decode(SCRIPT, bytes, StandardCharsets.UTF_8))
            .satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
            .withMessageContaining("0xE6 0x9D at byte offset 7");
    }

    @Test
    void byteOrderMarkIsDecodedForTheChecksumToStrip() {
        byte[] bytes = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', ';' };
        String text = ScriptDecoder.decode(SCRIPT, bytes, StandardCharsets.UTF_8);
        assertThat(Checksums.normalize(text)).isEqualTo("SELECT 1;");
    }

    @Test
    void configuredEncodingIsUsedAndNamedInItsErrors() {
        byte[] latin1 = "-- café\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ScriptDecoder.decode(SCRIPT, latin1, StandardCharsets.ISO_8859_1)).isEqualTo("-- café\n");
        assertThatExceptionOfType(InvalidMigrationException.class)
            .isThrownBy(() -> ScriptDecoder.decode(SCRIPT, latin1, StandardCharsets.US_ASCII))
            .withMessageContaining("is not valid US-ASCII")
            .withMessageContaining("Save the file as US-ASCII, or set Tidemark's encoding option");
    }

    @Test
    void unmappableBytesOfALegacyEncodingAreReportedToo() {
        // 0x81 is unassigned in windows-1252: the JDK reports it as unmappable rather than malformed.
        Charset windows1252 = Charset.forName("windows-1252");
        byte[] bytes = { 'a', (byte) 0x81 };
        assertThatExceptionOfType(InvalidMigrationException.class)
            .isThrownBy(() -> ScriptDecoder.decode(SCRIPT, bytes, windows1252))
            .withMessageContaining("is not valid windows-1252: byte 0x81 at byte offset 1");
    }

}
