package dev.tidemark.migration.internal.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;

/** The cases of {@code lint/corpus.sql} and the schema of {@code lint/base.sql} they run against. */
final class LintCorpus {

    static final Version BASE_VERSION = Version.parse("1");

    static final Version CASE_VERSION = Version.parse("2");

    private LintCorpus() {
    }

    /** One case: a migration file with the findings it must produce. */
    record Case(String name, String rule, Phase phase, Set<String> expected, String traceSkip, String content) {

        String script() {
            return "V2__" + this.phase.label() + "__" + this.name.replace('-', '_') + ".sql";
        }

        LintScript lintScript() {
            return LintScript.parse(script(), CASE_VERSION, this.phase, this.content);
        }

        @Override
        public String toString() {
            return this.name;
        }
    }

    static String base() {
        return resource("lint/base.sql");
    }

    static LintScript baseScript() {
        return LintScript.parse("V1__expand__base.sql", BASE_VERSION, Phase.EXPAND, base());
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String[] blocks = resource("lint/corpus.sql").split("(?m)^-- case: ");
        for (String block : Arrays.asList(blocks).subList(1, blocks.length)) {
            List<String> lines = new ArrayList<>(block.lines().toList());
            String name = lines.remove(0).trim();
            String rule = "";
            Phase phase = Phase.EXPAND;
            Set<String> expected = new LinkedHashSet<>();
            String traceSkip = "";
            while (!lines.isEmpty() && lines.get(0).matches("-- (rule|phase|expect|trace): .*")) {
                String line = lines.remove(0);
                String value = line.substring(line.indexOf(':') + 1).trim();
                switch (line.substring(3, line.indexOf(':'))) {
                    case "rule" -> rule = value;
                    case "phase" -> phase = Phase.parse(value).orElseThrow();
                    case "expect" -> {
                        if (!value.equals("none")) {
                            Arrays.stream(value.split(",")).map(String::trim).forEach(expected::add);
                        }
                    }
                    default -> traceSkip = value.replaceFirst("^skip ", "");
                }
            }
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            cases.add(new Case(name, rule, phase, expected, traceSkip, String.join("\n", lines) + "\n"));
        }
        return cases;
    }

    private static String resource(String path) {
        try (InputStream in = LintCorpus.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
