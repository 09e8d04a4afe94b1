package dev.tidemark.migration.internal.resolve;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * A script file in a folder, with what tells whether it changed since it was last read.
 *
 * @param relativePath its path below the location, with {@code /} separators
 * @param file the file
 * @param size its size in bytes
 * @param modified its last modification time
 */
record FileStamp(String relativePath, Path file, long size, FileTime modified) {
}
