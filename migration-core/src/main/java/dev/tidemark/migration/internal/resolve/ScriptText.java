package dev.tidemark.migration.internal.resolve;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A script's bytes and what is derived from them, each only when it is needed. A start with thousands of
 * applied files needs of each only its checksum and its header directives: the checksum is computed on
 * the bytes (UTF-8, the default) and only the header lines are decoded. The whole text is decoded, strictly,
 * when the migration must be split into statements: to run it, plan it or validate it. Thread-safe
 * (immutable; the bytes are never written).
 */
final class ScriptText {

    private final String script;

    private final byte[] bytes;

    private final Charset encoding;

    ScriptText(String script, byte[] bytes, Charset encoding) {
        this.script = script;
        this.bytes = bytes;
        this.encoding = encoding;
    }

    /** The path shown in errors. */
    String script() {
        return this.script;
    }

    private boolean utf8() {
        return this.encoding.equals(StandardCharsets.UTF_8);
    }

    /** Tidemark's checksum of the normalized text (see {@link Checksums}). */
    String checksum() {
        return utf8() ? Checksums.ofUtf8(this.bytes) : Checksums.of(content());
    }

    /** Flyway's checksum of the text as written (see {@link FlywayChecksum}). */
    String flywayChecksum() {
        return utf8() ? FlywayChecksum.ofUtf8(this.bytes) : FlywayChecksum.of(content());
    }

    /**
     * The normalized comment and blank lines before the first other line: where header directives are. In
     * UTF-8 a line break is one byte that no other character contains, so the header is found on the bytes
     * and only it is decoded.
     * @throws dev.tidemark.migration.InvalidMigrationException when the header is not valid in the encoding
     */
    String header() {
        if (!utf8()) {
            String content = content();
            return content.substring(0, headerEnd(content));
        }
        int start = Checksums.startsWithByteOrderMark(this.bytes) ? 3 : 0;
        int end = start;
        while (end < this.bytes.length) {
            int lineEnd = end;
            while (lineEnd < this.bytes.length && this.bytes[lineEnd] != '\n' && this.bytes[lineEnd] != '\r') {
                lineEnd++;
            }
            int first = end;
            while (first < lineEnd && (this.bytes[first] & 0xFF) <= ' ') {
                first++;
            }
            boolean headerLine = first == lineEnd
                    || (first + 1 < lineEnd && this.bytes[first] == '-' && this.bytes[first + 1] == '-');
            if (!headerLine) {
                break;
            }
            end = Math.min(lineEnd + 1, this.bytes.length);
        }
        if (isAscii(this.bytes, start, end)) {
            // The common case needs no decoder: ASCII is ASCII in UTF-8.
            return Checksums.normalize(new String(this.bytes, start, end - start, StandardCharsets.ISO_8859_1));
        }
        return Checksums.normalize(ScriptDecoder.decode(this.script, Arrays.copyOfRange(this.bytes, 0, end), this.encoding));
    }

    /**
     * The whole text, decoded strictly and normalized.
     * @throws dev.tidemark.migration.InvalidMigrationException naming the line and byte offset of bytes that
     *         are not valid in the encoding
     */
    String content() {
        return Checksums.normalize(ScriptDecoder.decode(this.script, this.bytes, this.encoding));
    }

    /** Equal when the same file has the same bytes in the same encoding. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ScriptText text && this.script.equals(text.script) && this.encoding.equals(text.encoding)
                && Arrays.equals(this.bytes, text.bytes);
    }

    @Override
    public int hashCode() {
        return this.script.hashCode() * 31 + Arrays.hashCode(this.bytes);
    }

    private static boolean isAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static int headerEnd(String content) {
        int end = 0;
        while (end < content.length()) {
            int lineEnd = content.indexOf('\n', end);
            String line = content.substring(end, (lineEnd < 0) ? content.length() : lineEnd).trim();
            if (!line.isEmpty() && !line.startsWith("--")) {
                break;
            }
            end = (lineEnd < 0) ? content.length() : lineEnd + 1;
        }
        return end;
    }

}
