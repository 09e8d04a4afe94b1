package dev.tidemark.migration.internal.resolve;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A configured location: {@code classpath:path}, {@code filesystem:path}, or a bare path, which is a
 * class path location.
 *
 * @param text the location as configured, which errors quote
 * @param classpath whether the class loader resolves it
 * @param path the resource path without leading or trailing slashes (class path), or the folder (file system)
 */
record Location(String text, boolean classpath, String path) {

    private static final String CLASSPATH = "classpath:";

    private static final String FILESYSTEM = "filesystem:";

    /** Reads a configured location. */
    static Location parse(String text) {
        if (text.startsWith(FILESYSTEM)) {
            return new Location(text, false, text.substring(FILESYSTEM.length()));
        }
        String path = text.startsWith(CLASSPATH) ? text.substring(CLASSPATH.length()) : text;
        return new Location(text, true, trimSlashes(path));
    }

    /** The folder of a {@code filesystem:} location. */
    Path folder() {
        return Paths.get(this.path);
    }

    /** The path without leading or trailing slashes. */
    static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

}
