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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(normalize(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
        }
    }

}
