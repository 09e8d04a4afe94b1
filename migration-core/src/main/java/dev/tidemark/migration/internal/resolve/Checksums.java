package dev.tidemark.migration.internal.resolve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import dev.tidemark.migration.internal.sql.SqlStatement;

/**
 * Checksums over normalized script content, so that line endings and a byte-order mark never cause
 * a mismatch while any real edit does.
 */
public final class Checksums {

    /** Only ever cloned, never updated. */
    private static final MessageDigest SHA_256 = newSha256();

    private Checksums() {
    }

    /** Strips a leading byte-order mark and turns CRLF and lone CR into LF. */
    public static String normalize(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /**
     * The checksum of the first statements of a migration, recorded when a non-transactional migration
     * fails part-way: as long as those statements are unchanged, a fixed file resumes after them.
     */
    public static String ofStatements(List<SqlStatement> statements, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(statements.get(i).sql()).append(";\n");
        }
        return of(text.toString());
    }

    /** The first 16 hex digits of the SHA-256 of the normalized content: short enough to read, wide enough to trust. */
    public static String of(String content) {
        return hex(sha256().digest(normalize(content).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The checksum {@link #of(String)} gives for the text these UTF-8 bytes encode, computed on the bytes
     * without decoding or copying them: a start with thousands of applied files hashes each once and does
     * nothing else with it. Valid UTF-8 decodes and encodes back to the same bytes, and a line break or a
     * byte-order mark is the same bytes in both, so normalizing the bytes equals normalizing the text.
     * Bytes that are not valid UTF-8 give a checksum no valid file has; the file is rejected when it is read
     * to run.
     */
    public static String ofUtf8(byte[] bytes) {
        MessageDigest digest = sha256();
        int start = startsWithByteOrderMark(bytes) ? 3 : 0;
        // Most files have no carriage return: one String.indexOf (compiled long before a migration tool runs) tells,
        // where a loop over the bytes would still be interpreted code in a JVM that just started.
        if (new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1).indexOf('\r') < 0) {
            digest.update(bytes, start, bytes.length - start);
            return hex(digest.digest());
        }
        int from = start;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == '\r') {
                digest.update(bytes, from, i - from);
                digest.update((byte) '\n');
                from = (i + 1 < bytes.length && bytes[i + 1] == '\n') ? i + 2 : i + 1;
                i = from - 1;
            }
        }
        digest.update(bytes, from, bytes.length - from);
        return hex(digest.digest());
    }

    /** Whether the bytes start with the UTF-8 encoding of U+FEFF. */
    static boolean startsWithByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
    }

    private static MessageDigest sha256() {
        // A clone of a digest never used itself: looking the algorithm up through the providers for each of thousands
        // of files costs more than hashing them.
        try {
            return (MessageDigest) SHA_256.clone();
        }
        catch (CloneNotSupportedException ex) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest, 0, 8);
    }

}
