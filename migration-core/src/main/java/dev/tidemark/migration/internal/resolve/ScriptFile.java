package dev.tidemark.migration.internal.resolve;

/**
 * A {@code .sql} file found in a location, with its content already read.
 *
 * @param location the configured location it was found in
 * @param relativePath its path below the location, with {@code /} separators, e.g. {@code 2.0.0/V3__expand__x.sql}
 * @param content its content as UTF-8 text
 */
public record ScriptFile(String location, String relativePath, String content) {

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
