package dev.tidemark.migration.internal.resolve;

/**
 * A {@code .sql} file found in a location, with its bytes already read (decoding waits until the text is
 * needed, see {@link ScriptText}). Immutable by contract: nobody writes into the bytes.
 */
public final class ScriptFile {

    private final String location;

    private final String relativePath;

    private final byte[] bytes;

    /**
     * Creates the file.
     * @param location the configured location it was found in
     * @param relativePath its path below the location, with {@code /} separators, e.g. {@code 2.0.0/V3__expand__x.sql}
     * @param bytes its content
     */
    public ScriptFile(String location, String relativePath, byte[] bytes) {
        this.location = location;
        this.relativePath = relativePath;
        this.bytes = bytes;
    }

    /** The configured location it was found in. */
    public String location() {
        return this.location;
    }

    /** Its path below the location, with {@code /} separators. */
    public String relativePath() {
        return this.relativePath;
    }

    /** Its content, not to be modified. */
    byte[] bytes() {
        return this.bytes;
    }

    /** The bare file name. */
    public String fileName() {
        int slash = this.relativePath.lastIndexOf('/');
        return (slash >= 0) ? this.relativePath.substring(slash + 1) : this.relativePath;
    }

    /** The name of the folder directly containing the file, or an empty string at the location's root. */
    public String folderName() {
        int slash = this.relativePath.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        String folder = this.relativePath.substring(0, slash);
        return folder.substring(folder.lastIndexOf('/') + 1);
    }

}
