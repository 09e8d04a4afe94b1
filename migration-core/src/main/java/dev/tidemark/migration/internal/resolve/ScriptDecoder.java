package dev.tidemark.migration.internal.resolve;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;
import java.util.Locale;

import dev.tidemark.migration.InvalidMigrationException;

/**
 * Decodes a script's bytes strictly: a byte sequence that is not valid in the configured encoding is
 * reported with its line and byte offset, never replaced. A replacement character would otherwise reach
 * the database ({@code 'caf\uFFFD'} instead of {@code 'café'}) and be recorded under a checksum that
 * makes the damage permanent. A UTF-8 byte-order mark decodes to {@code U+FEFF}, which
 * {@link Checksums#normalize(String)} strips. Thread-safe (stateless).
 */
final class ScriptDecoder {

    private static final int SHOWN_BYTES = 4;

    private ScriptDecoder() {
    }

    /**
     * Decodes a whole script.
     * @param script the path shown in errors
     * @param bytes the file's content
     * @param encoding the configured encoding
     * @throws InvalidMigrationException naming the line and byte offset of the first undecodable bytes
     */
    static String decode(String script, byte[] bytes, Charset encoding) {
        CharsetDecoder decoder = encoding.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        // A first pass only checks, into a small reused buffer; valid bytes then decode in one step (the JDK's
        // fast path), without holding a second full-size copy while checking.
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw undecodable(script, bytes, in.position(), result.length(), encoding);
            }
        }
        while (result.isOverflow());
        do {
            out.clear();
            result = decoder.flush(out);
        }
        while (result.isOverflow());
        return new String(bytes, encoding);
    }

    private static InvalidMigrationException undecodable(String script, byte[] bytes, int offset, int length,
            Charset encoding) {
        // Everything before the offset decoded cleanly, so its line breaks count the way the lexer counts them.
        String before = Checksums.normalize(new String(bytes, 0, offset, encoding));
        int line = 1 + (int) before.chars().filter((c) -> c == '\n').count();
        StringBuilder shown = new StringBuilder((length == 1) ? "byte " : "bytes ");
        for (int i = offset; i < Math.min(offset + Math.min(length, SHOWN_BYTES), bytes.length); i++) {
            shown.append((i > offset) ? " " : "").append("0x")
                .append(HexFormat.of().toHexDigits(bytes[i]).toUpperCase(Locale.ROOT));
        }
        String name = encoding.name();
        return new InvalidMigrationException(script, line, "is not valid " + name + ": " + shown + " at byte offset "
                + offset + " cannot be decoded. Save the file as " + name + ", or set Tidemark's encoding option "
                + "(tidemark.encoding in Spring Boot) to the encoding it is written in");
    }

}
