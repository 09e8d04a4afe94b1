package dev.tidemark.migration.internal.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The realistic scripts under {@code src/test/resources/sql-corpus}, each with a {@code .expected} file
 * that lists its statements as {@code <line>|<start of the normalized text>}, line breaks written as
 * {@code \n}; lines starting with {@code #} are comments.
 */
final class SqlCorpus {

    private SqlCorpus() {
    }

    /** The file names of every corpus script, sorted. */
    static Stream<String> scripts() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map((file) -> file.getFileName().toString())
                .filter((name) -> name.endsWith(".sql"))
                .sorted()
                .toList()
                .stream();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The text of one script. */
    static String read(String name) {
        return readFile(name);
    }

    /** The expected statements of one script, as {@code <line>|<prefix>} entries. */
    static List<String> expected(String name) {
        return readFile(name + ".expected").lines().filter((line) -> !line.startsWith("#")).toList();
    }

    private static String readFile(String name) {
        try {
            return Files.readString(directory().resolve(name), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path directory() {
        URL url = SqlCorpus.class.getClassLoader().getResource("sql-corpus");
        if (url == null) {
            throw new IllegalStateException("sql-corpus is missing from the test class path");
        }
        try {
            return Path.of(url.toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
