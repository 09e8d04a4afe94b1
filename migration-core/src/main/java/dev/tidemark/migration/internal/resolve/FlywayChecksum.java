package dev.tidemark.migration.internal.resolve;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway records for a SQL migration, computed exactly as Flyway computes it, so that a
 * history Flyway wrote can be checked against the files: a CRC32 over the UTF-8 bytes of every line,
 * the lines split the way {@code BufferedReader.readLine()} splits them (at {@code \n}, {@code \r} or
 * {@code \r\n}, line breaks not included, no empty last line after a final break), each line without a
 * leading byte-order mark, read as a signed 32-bit integer and written in decimal, as Flyway's
 * {@code checksum} column holds it. Line endings and byte-order marks therefore never change it, and
 * neither do blank lines at the end of the file, while they do change the count of lines. Stateless.
 */
public final class FlywayChecksum {

    private FlywayChecksum() {
    }

    /** The checksum of a decoded script. */
    public static String of(String content) {
        CRC32 crc = new CRC32();
        int start = 0;
        int length = content.length();
        while (start < length) {
            int end = start;
            while (end < length && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
                end++;
            }
            int from = (end > start && content.charAt(start) == '\uFEFF') ? start + 1 : start;
            crc.update(content.substring(from, end).getBytes(StandardCharsets.UTF_8));
            start = (end + 1 < length && content.charAt(end) == '\r' && content.charAt(end + 1) == '\n') ? end + 2 : end + 1;
        }
        return String.valueOf((int) crc.getValue());
    }

    /**
     * The checksum of the text these UTF-8 bytes encode, computed on the bytes: a line break or a
     * byte-order mark is the same bytes before and after decoding, and the rest of each line is what
     * Flyway encodes back to UTF-8.
     */
    public static String ofUtf8(byte[] bytes) {
        CRC32 crc = new CRC32();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            int from = (end - start >= 3 && bytes[start] == (byte) 0xEF && bytes[start + 1] == (byte) 0xBB
                    && bytes[start + 2] == (byte) 0xBF) ? start + 3 : start;
            crc.update(bytes, from, end - from);
            start = (end + 1 < bytes.length && bytes[end] == '\r' && bytes[end + 1] == '\n') ? end + 2 : end + 1;
        }
        return String.valueOf((int) crc.getValue());
    }

    /** Whether a recorded checksum has Flyway's form (a decimal integer) rather than Tidemark's (16 hex digits). */
    public static boolean isFlywayForm(String checksum) {
        return checksum.length() <= 11 && !checksum.isEmpty() && checksum.chars()
            .allMatch((c) -> Character.isDigit(c) || c == '-');
    }

}
