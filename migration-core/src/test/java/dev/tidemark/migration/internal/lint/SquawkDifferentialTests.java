package dev.tidemark.migration.internal.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tidemark.migration.internal.sql.StatementClassifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The linter against squawk ({@code squawk-cli} from npm, pinned), on every corpus case and every rule both have.
 * Each case is linted by squawk alone, with {@code --assume-in-transaction} unless the file holds only statements
 * PostgreSQL runs outside a transaction (Tidemark runs such a file that way). Where the two disagree, the
 * disagreement is listed in {@link #EXPLAINED} with who is right and why; the test fails on a disagreement that is
 * not explained and on an explanation that no longer matches one. Without npm the test is skipped with a notice.
 */
class SquawkDifferentialTests {

    private static final String SQUAWK_VERSION = "2.66.0";

    /** Our rule to the squawk rules that judge the same thing. */
    private static final Map<String, Set<String>> SHARED_RULES = Map.ofEntries(
            Map.entry("index-not-concurrent", Set.of("require-concurrent-index-creation")),
            Map.entry("drop-index-not-concurrent", Set.of("require-concurrent-index-deletion")),
            Map.entry("concurrent-in-transaction", Set.of("ban-concurrent-index-creation-in-transaction")),
            Map.entry("volatile-default", Set.of("adding-field-with-default")),
            Map.entry("not-null-without-default", Set.of("adding-required-field")),
            Map.entry("rewrite-column-type", Set.of("changing-column-type")),
            Map.entry("constraint-not-valid-missing", Set.of("constraint-missing-not-valid", "adding-foreign-key-constraint")),
            Map.entry("set-not-null-unsafe", Set.of("adding-not-nullable-field")),
            Map.entry("unique-constraint-without-index", Set.of("disallowed-unique-constraint")),
            Map.entry("primary-key-without-index", Set.of("adding-serial-primary-key-field")),
            Map.entry("rename-column", Set.of("renaming-column")),
            Map.entry("rename-table", Set.of("renaming-table")),
            Map.entry("drop-column", Set.of("ban-drop-column")),
            Map.entry("drop-table", Set.of("ban-drop-table")),
            Map.entry("table-rewrite-maintenance", Set.of("prefer-repack", "require-concurrent-reindex")),
            Map.entry("detach-partition-not-concurrent", Set.of("require-concurrent-partition-detach")));

    private static final String NO_SCHEMA = "squawk sees one file alone; ";

    private static final String NO_PHASES = "squawk has no phases: a drop in a contract file runs after the code stopped "
            + "using the object, which is exactly when it is safe (Tidemark is right)";

    private static final String NEW_OBJECT = NO_SCHEMA + "this file created the table, so it holds no rows and serves no "
            + "traffic and nothing can block on it (Tidemark is right)";

    private static final String METADATA_ONLY = "PostgreSQL changes this type in the catalog only (binary-coercible, and "
            + "the new modifier accepts every old value); the lock tracer sees no rewrite (Tidemark is right)";

    /**
     * Every disagreement, keyed {@code case / our rule}, with who is right and why. The lock tracer's corpus test
     * (LintCorpusTests) backs each claim about what PostgreSQL does.
     */
    private static final Map<String, String> EXPLAINED = Map.ofEntries(
            Map.entry("idx-after-create-table-if-not-exists-of-existing / index-not-concurrent", NO_SCHEMA
                    + "it takes CREATE TABLE IF NOT EXISTS as creating the table, but orders existed, so the statement was a "
                    + "no-op and the index is built under SHARE on a live table (Tidemark is right)"),
            Map.entry("idx-in-do-block-execute / index-not-concurrent", "squawk does not read statements inside DO "
                    + "blocks; the EXECUTE runs the CREATE INDEX and takes SHARE (Tidemark is right)"),
            Map.entry("drop-idx-of-new-table / drop-index-not-concurrent", NEW_OBJECT),
            Map.entry("dic-in-start-transaction / concurrent-in-transaction", "squawk's rule covers CREATE INDEX "
                    + "CONCURRENTLY only; PostgreSQL refuses DROP INDEX CONCURRENTLY in a transaction block just the same "
                    + "(Tidemark is right)"),
            Map.entry("cic-in-do-block / concurrent-in-transaction", "squawk does not read DO blocks; PostgreSQL "
                    + "refuses CONCURRENTLY there with SQLSTATE 25001 (Tidemark is right)"),
            Map.entry("reindex-concurrently-in-function / concurrent-in-transaction", "squawk does not read function "
                    + "bodies; the function fails whenever it is called (Tidemark is right)"),
            Map.entry("default-user-function-stable / volatile-default", NO_SCHEMA + "it cannot know that tenant() is "
                    + "STABLE and takes any non-constant default as a rewrite; PostgreSQL 11+ evaluates it once and stores "
                    + "it in the catalog, no rewrite (Tidemark is right)"),
            Map.entry("not-null-identity / volatile-default", "squawk reports an identity column as a default; it does "
                    + "rewrite the table, which Tidemark reports as add-serial-or-identity-existing (both right, different ids)"),
            Map.entry("stored-generated-added / volatile-default", "squawk reports a stored generated column as a "
                    + "default; it does rewrite the table, which Tidemark reports as stored-generated-existing (both right, "
                    + "different ids)"),
            Map.entry("type-varchar-widen / rewrite-column-type", METADATA_ONLY),
            Map.entry("type-varchar-to-text / rewrite-column-type", METADATA_ONLY),
            Map.entry("type-text-to-unbounded-varchar / rewrite-column-type", METADATA_ONLY),
            Map.entry("type-numeric-widen / rewrite-column-type", METADATA_ONLY),
            Map.entry("type-numeric-unconstrained / rewrite-column-type", METADATA_ONLY),
            Map.entry("type-timestamp-precision-widen / rewrite-column-type", METADATA_ONLY),
            Map.entry("type-same-type-other-spelling / rewrite-column-type", METADATA_ONLY),
            Map.entry("type-using-plain-cast / rewrite-column-type", METADATA_ONLY),
            Map.entry("type-change-in-expand-is-not-destructive / rewrite-column-type", METADATA_ONLY),
            Map.entry("type-change-new-table / rewrite-column-type", NEW_OBJECT),
            Map.entry("column-check-in-add-column / constraint-not-valid-missing", "squawk does not look at a CHECK "
                    + "declared on the added column; PostgreSQL validates it against every row under ACCESS EXCLUSIVE, "
                    + "which the tracer sees as a scan (Tidemark is right)"),
            Map.entry("check-without-not-valid-in-do-block / constraint-not-valid-missing", "squawk does not read DO "
                    + "blocks; the ALTER inside validates every row (Tidemark is right)"),
            Map.entry("references-on-column-without-default / constraint-not-valid-missing", "the new column is NULL in "
                    + "every row, and PostgreSQL skips validating a foreign key whose columns are all NULL; the tracer "
                    + "sees no scan (Tidemark is right)"),
            Map.entry("unique-is-not-this-rule / constraint-not-valid-missing", "squawk also reports UNIQUE under "
                    + "constraint-missing-not-valid, but UNIQUE cannot be NOT VALID; both report it, Tidemark as "
                    + "unique-constraint-without-index with the USING INDEX alternative that works"),
            Map.entry("primary-key-added / constraint-not-valid-missing", "as for UNIQUE: PRIMARY KEY cannot be NOT "
                    + "VALID; both report it, Tidemark as primary-key-without-index"),
            Map.entry("exclusion-constraint / constraint-not-valid-missing", "EXCLUDE cannot be NOT VALID either; "
                    + "Tidemark reports it as exclusion-constraint, whose alternative does not pretend it can"),
            Map.entry("set-not-null-proven-by-earlier-migration / set-not-null-unsafe", NO_SCHEMA + "it cannot see the "
                    + "validated CHECK (email IS NOT NULL) of the earlier migration (squawk#628); PostgreSQL skips the scan, "
                    + "and the tracer sees none (Tidemark is right)"),
            Map.entry("set-not-null-proven-earlier-in-file / set-not-null-unsafe", "the CHECK validated by the earlier "
                    + "statement proves the column, so PostgreSQL skips the scan (Tidemark is right); the earlier statement "
                    + "itself is reported by both"),
            Map.entry("set-not-null-proven-by-and-conjunction / set-not-null-unsafe", NO_SCHEMA + "the earlier "
                    + "migration's validated CHECK (score IS NOT NULL AND score >= 0) proves it; no scan (Tidemark is right)"),
            Map.entry("set-not-null-new-table / set-not-null-unsafe", NEW_OBJECT),
            Map.entry("primary-key-using-index-nullable / set-not-null-unsafe", "squawk accepts PRIMARY KEY USING INDEX; "
                    + "over a nullable column PostgreSQL sets it NOT NULL with a full scan under ACCESS EXCLUSIVE, which "
                    + "the tracer sees (Tidemark is right; eugene's W14 warns the same)"),
            Map.entry("primary-key-new-table / primary-key-without-index", NEW_OBJECT),
            Map.entry("rename-column-of-new-table / rename-column", NEW_OBJECT + "; no running code knows the table"),
            Map.entry("rename-new-table / rename-table", NEW_OBJECT + "; no running code knows the table"),
            Map.entry("drop-column-in-contract / drop-column", NO_PHASES),
            Map.entry("drop-table-in-contract / drop-table", NO_PHASES),
            Map.entry("drop-table-with-foreign-key / drop-table", NO_PHASES + "; Tidemark reports the second table "
                    + "this DROP locks instead (multiple-exclusive-tables)"),
            Map.entry("drop-table-created-in-file / drop-table", NEW_OBJECT),
            Map.entry("vacuum-full / table-rewrite-maintenance", "squawk " + SQUAWK_VERSION + " reports nothing for "
                    + "VACUUM FULL; it rewrites the table under ACCESS EXCLUSIVE (Tidemark is right)"),
            Map.entry("cluster / table-rewrite-maintenance", "squawk " + SQUAWK_VERSION + " reports nothing for CLUSTER; "
                    + "the tracer sees the rewrite under ACCESS EXCLUSIVE (Tidemark is right)"),
            Map.entry("allow-before-statement / index-not-concurrent", "suppressed by -- tidemark:allow, which squawk "
                    + "does not read (its own is -- squawk-ignore); same finding underneath"),
            Map.entry("allow-in-header / index-not-concurrent", "suppressed by a file-wide -- tidemark:allow, which "
                    + "squawk does not read; same finding underneath"));

    private static Path squawk;

    @BeforeAll
    static void installSquawk() throws Exception {
        Path prefix = Paths.get("target", "squawk").toAbsolutePath();
        Path binary = prefix.resolve("node_modules/.bin/squawk");
        if (!Files.isExecutable(binary)) {
            if (!runs("npm", "--version")) {
                notice("npm is not installed here");
            }
            Files.createDirectories(prefix);
            Process install = new ProcessBuilder("npm", "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
                    "--no-save", "squawk-cli@" + SQUAWK_VERSION).redirectErrorStream(true).start();
            String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0 || !Files.isExecutable(binary)) {
                notice("npm could not install squawk-cli@" + SQUAWK_VERSION + ": " + log);
            }
        }
        squawk = binary;
    }

    @Test
    void everyDisagreementWithSquawkOnTheSharedRulesIsExplained() throws Exception {
        Path dir = Files.createTempDirectory("squawk-corpus");
        List<LintCorpus.Case> cases = LintCorpus.cases();
        List<String> transactional = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (LintCorpus.Case c : cases) {
            Files.writeString(dir.resolve(c.name() + ".sql"), c.content());
            boolean inTransaction = c.lintScript().statements().stream().anyMatch(StatementClassifier::canRunInTransaction);
            (inTransaction ? transactional : outside).add(c.name() + ".sql");
        }
        Map<String, Set<String>> reported = new HashMap<>();
        squawk(dir, transactional, true, reported);
        squawk(dir, outside, false, reported);

        Map<String, String> disagreements = new TreeMap<>();
        for (LintCorpus.Case c : cases) {
            Set<String> theirs = reported.getOrDefault(c.name(), Set.of());
            SHARED_RULES.forEach((ours, squawkRules) -> {
                boolean we = c.expected().contains(ours);
                boolean they = squawkRules.stream().anyMatch(theirs::contains);
                if (we != they) {
                    disagreements.put(c.name() + " / " + ours, "Tidemark " + (we ? "reports" : "does not report") + ", squawk "
                            + (they ? "reports" : "does not report") + " " + squawkRules);
                }
            });
        }
        Map<String, String> unexplained = new LinkedHashMap<>(disagreements);
        unexplained.keySet().removeAll(EXPLAINED.keySet());
        Set<String> stale = new HashSet<>(EXPLAINED.keySet());
        stale.removeAll(disagreements.keySet());
        assertThat(unexplained).as("disagreements with squawk that EXPLAINED does not explain").isEmpty();
        assertThat(stale).as("explanations of disagreements that no longer occur").isEmpty();
        // Most cases agree: the explained ones are the exception.
        assertThat(disagreements.size()).isLessThan(cases.size() / 3);
    }

    private static void squawk(Path dir, List<String> files, boolean assumeInTransaction, Map<String, Set<String>> reported)
            throws IOException, InterruptedException {
        if (files.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(squawk.toString(), "--reporter", "json", "--pg-version", "15"));
        if (assumeInTransaction) {
            command.add("--assume-in-transaction");
        }
        command.addAll(files);
        Process process = new ProcessBuilder(command).directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        // squawk's JSON report is a flat list of {"file": ..., "rule_name": ...}; no JSON library needed for that.
        Matcher finding = Pattern.compile("\"file\":\"([^\"]+)\\.sql\".*?\"rule_name\":\"([^\"]+)\"").matcher(json);
        int found = 0;
        while (finding.find()) {
            reported.computeIfAbsent(finding.group(1), (key) -> new HashSet<>()).add(finding.group(2));
            found++;
        }
        assertThat(found).as("squawk's report: %s", json.length() > 500 ? json.substring(0, 500) : json).isPositive();
    }

    private static boolean runs(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        }
        catch (IOException | InterruptedException ex) {
            return false;
        }
    }

    private static void notice(String why) {
        String message = "SKIPPED SquawkDifferentialTests: " + why + "; the differential test against squawk needs npm and "
                + "the npm registry";
        System.err.println("\n*** " + message + " ***\n");
        Assumptions.abort(message);
    }

}
