package dev.tidemark.migration.internal.lint;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.tidemark.migration.LintFinding;
import dev.tidemark.migration.LintReport;
import dev.tidemark.migration.LintSettings;
import dev.tidemark.migration.LockLevel;
import dev.tidemark.migration.TracedStatement;
import dev.tidemark.migration.internal.lint.rules.Rules;
import dev.tidemark.migration.internal.lint.schema.CatalogReader;
import dev.tidemark.migration.internal.lint.trace.LockTracer;
import dev.tidemark.migration.internal.sql.SqlScriptSplitter;
import dev.tidemark.migration.internal.sql.SqlStatement;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The linter against its corpus ({@code lint/corpus.sql}): every case's findings, as a set of rule ids, equal the
 * expected set, both when the schema comes from the earlier migration ({@code lint/base.sql}, no database) and when
 * it comes from the catalog of a database where that migration ran. Then the lock tracer runs each case on that
 * database and confirms every expected finding whose rule has an observable effect (a lock, a rewrite, a scan, a
 * failure), and that every rewrite of a pre-existing table it sees is one the linter reported.
 */
@WithPostgres
class LintCorpusTests {

    private static final List<LintCorpus.Case> CASES = LintCorpus.cases();

    /** What the tracer must see at the line of a finding of each rule; rules missing here have no such effect. */
    private static final Map<String, Predicate<TracedStatement>> OBSERVABLE = Map.ofEntries(
            // SHARE, even when IF NOT EXISTS finds the index; or a build under a stronger lock an earlier statement holds.
            Map.entry("index-not-concurrent", (s) -> s.locks().containsValue(LockLevel.SHARE) || (!s.scanned().isEmpty()
                    && s.held().values().stream().anyMatch((level) -> level.compareTo(LockLevel.SHARE) >= 0))),
            Map.entry("drop-index-not-concurrent", LintCorpusTests::accessExclusiveOnTable),
            Map.entry("concurrent-in-transaction", (s) -> s.outcome() == TracedStatement.Outcome.NOT_RUN
                    || s.error().startsWith("25001")),
            Map.entry("volatile-default", (s) -> rewritesTable(s) && accessExclusiveOnTable(s)),
            Map.entry("not-null-without-default", (s) -> s.error().startsWith("23502")),
            Map.entry("rewrite-column-type", LintCorpusTests::rewritesTable),
            Map.entry("constraint-not-valid-missing", (s) -> !s.scanned().isEmpty()
                    && s.held().values().stream().anyMatch((level) -> level.compareTo(LockLevel.SHARE_ROW_EXCLUSIVE) >= 0)),
            Map.entry("set-not-null-unsafe", (s) -> !s.scanned().isEmpty() && accessExclusiveOnTable(s)),
            Map.entry("unique-constraint-without-index", (s) -> !s.scanned().isEmpty() && accessExclusiveOnTable(s)),
            Map.entry("primary-key-without-index", (s) -> !s.scanned().isEmpty() && accessExclusiveOnTable(s)),
            Map.entry("rename-column", LintCorpusTests::accessExclusiveOnTable),
            Map.entry("rename-table", LintCorpusTests::accessExclusiveOnTable),
            Map.entry("drop-column", LintCorpusTests::accessExclusiveOnTable),
            Map.entry("drop-table", LintCorpusTests::accessExclusiveOnTable),
            Map.entry("table-rewrite-maintenance", (s) -> !s.rewritten().isEmpty()),
            Map.entry("lock-table", (s) -> s.locks().values().stream().anyMatch((l) -> l.compareTo(LockLevel.SHARE) >= 0)),
            Map.entry("truncate", LintCorpusTests::accessExclusiveOnTable),
            Map.entry("add-serial-or-identity-existing", LintCorpusTests::rewritesTable),
            Map.entry("stored-generated-existing", LintCorpusTests::rewritesTable),
            Map.entry("multiple-exclusive-tables", (s) -> s.held().values().stream()
                .filter((level) -> level == LockLevel.ACCESS_EXCLUSIVE).count() >= 2),
            Map.entry("refresh-materialized-view-blocking", (s) -> s.locks().containsValue(LockLevel.ACCESS_EXCLUSIVE)),
            Map.entry("detach-partition-not-concurrent", LintCorpusTests::accessExclusiveOnTable),
            Map.entry("exclusion-constraint", LintCorpusTests::accessExclusiveOnTable));

    /** The rules whose findings explain a rewrite of a pre-existing table. */
    private static final Set<String> REWRITE_RULES = Set.of("volatile-default", "rewrite-column-type",
            "add-serial-or-identity-existing", "stored-generated-existing", "table-rewrite-maintenance", "truncate",
            "refresh-materialized-view-blocking");

    /** Tables of base.sql; what the tracer sees on other relations (indexes, views, sequences) is not a table's rewrite. */
    private static final Set<String> TABLES = Set.of("public.customers", "public.orders", "public.order_items",
            "public.audit", "public.Quoted Table", "public.tags", "public.logs", "billing.invoices", "public.events",
            "public.events_2024");

    @BeforeAll
    static void applyTheBase(TestDatabase database) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (SqlStatement sql : SqlScriptSplitter.split(LintCorpus.base())) {
                statement.execute(sql.sql());
            }
        }
    }

    @Test
    void theCorpusHasAtLeastEightyCasesWithAFlaggedAndANotFlaggedCaseForEveryRule() {
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(80);
        assertThat(CASES.stream().map(LintCorpus.Case::name).collect(Collectors.toSet())).hasSameSizeAs(CASES);
        for (String rule : Rules.defaultSeverities().keySet()) {
            assertThat(CASES).as("a case where %s is reported", rule).anyMatch((c) -> c.expected().contains(rule));
            assertThat(CASES).as("a case about %s where it is not reported", rule)
                .anyMatch((c) -> c.rule().equals(rule) && !c.expected().contains(rule));
        }
    }

    @TestFactory
    Stream<DynamicTest> eachCaseReportsExactlyItsExpectedRulesWithoutADatabase() {
        return CASES.stream().map((c) -> DynamicTest.dynamicTest(c.name(), () -> {
            LintReport report = LintRunner.lintScripts(List.of(LintCorpus.baseScript(), c.lintScript()),
                    new LintSettings(LintSettings.DEFAULTS.mode(), Map.of(), 15, LintCorpus.BASE_VERSION));
            assertThat(rules(report)).as(report.describe()).isEqualTo(c.expected());
            assertThat(report.findings()).allSatisfy(LintCorpusTests::isComplete);
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachCaseReportsTheSameWithTheSchemaFromTheCatalog(TestDatabase database) {
        return CASES.stream().map((c) -> DynamicTest.dynamicTest(c.name(), () -> {
            try (Connection connection = database.getConnection()) {
                LintReport report = new Linter(LintSettings.DEFAULTS, CatalogReader.majorVersion(connection))
                    .lint(CatalogReader.read(connection), List.of(c.lintScript()), (script) -> true);
                assertThat(rules(report)).as(report.describe()).isEqualTo(c.expected());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> theLockTracerConfirmsEveryFindingWithAnObservableEffect(TestDatabase database) {
        return CASES.stream().map((c) -> DynamicTest.dynamicTest(c.name(), () -> {
            LintReport report = LintRunner.lintScripts(List.of(LintCorpus.baseScript(), c.lintScript()),
                    new LintSettings(LintSettings.DEFAULTS.mode(), Map.of(), 15, LintCorpus.BASE_VERSION));
            List<TracedStatement> trace = trace(database, c);
            for (LintFinding finding : report.findings()) {
                Predicate<TracedStatement> effect = OBSERVABLE.get(finding.rule());
                if (effect == null || !c.traceSkip().isEmpty()) {
                    continue;
                }
                TracedStatement statement = statementAt(trace, finding.line());
                assertThat(effect.test(statement)).as("%s at line %d, traced as %s", finding.rule(), finding.line(),
                        statement.describe()).isTrue();
            }
            Set<String> reported = rules(report);
            reported.addAll(report.suppressed().stream().map(LintFinding::rule).toList());
            for (TracedStatement statement : trace) {
                if (rewritesTable(statement)) {
                    assertThat(reported).as("a rule that explains the rewrite seen at %s", statement.describe())
                        .containsAnyElementsOf(REWRITE_RULES);
                }
            }
        }));
    }

    @Test
    void theTracerSeesAccessExclusiveForAVolatileDefaultARewriteForBigintAndOnlyShareUpdateExclusiveForValidate(
            TestDatabase database) throws Exception {
        List<TracedStatement> uuid = trace(database, "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();");
        assertThat(uuid.get(0).locks()).containsEntry("public.orders", LockLevel.ACCESS_EXCLUSIVE);
        assertThat(uuid.get(0).rewritten()).contains("public.orders");

        List<TracedStatement> bigint = trace(database, "ALTER TABLE orders ALTER COLUMN amount TYPE bigint;");
        assertThat(bigint.get(0).rewritten()).contains("public.orders");
        assertThat(bigint.get(0).locks()).containsEntry("public.orders", LockLevel.ACCESS_EXCLUSIVE);

        List<TracedStatement> validate = trace(database, "ALTER TABLE orders VALIDATE CONSTRAINT orders_note_check;");
        assertThat(validate.get(0).locks()).containsEntry("public.orders", LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(validate.get(0).locks().values()).allMatch((level) -> level.compareTo(LockLevel.SHARE_UPDATE_EXCLUSIVE) <= 0);
        assertThat(validate.get(0).rewritten()).isEmpty();
        assertThat(validate.get(0).scanned()).containsExactly("public.orders");
    }

    private static List<TracedStatement> trace(TestDatabase database, LintCorpus.Case c) throws SQLException {
        try (Connection connection = database.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                // timestamp to timestamptz is free when the session's TimeZone is UTC; production servers often differ.
                statement.execute("SET TimeZone = 'America/New_York'");
            }
            return new LockTracer(connection).trace(List.of(c.lintScript()));
        }
    }

    private static List<TracedStatement> trace(TestDatabase database, String sql) throws SQLException {
        return trace(database, new LintCorpus.Case("adhoc", "", dev.tidemark.migration.Phase.EXPAND, Set.of(), "", sql));
    }

    /** The traced top-level statement that holds a line: the last one starting at or before it. */
    private static TracedStatement statementAt(List<TracedStatement> trace, int line) {
        TracedStatement found = null;
        for (TracedStatement statement : trace) {
            if (statement.line() <= line) {
                found = statement;
            }
        }
        assertThat(found).as("a traced statement at or before line %d", line).isNotNull();
        return found;
    }

    private static boolean accessExclusiveOnTable(TracedStatement statement) {
        return statement.locks().entrySet().stream()
            .anyMatch((e) -> e.getValue() == LockLevel.ACCESS_EXCLUSIVE && TABLES.contains(e.getKey()));
    }

    private static boolean rewritesTable(TracedStatement statement) {
        return statement.rewritten().stream().anyMatch(TABLES::contains);
    }

    private static Set<String> rules(LintReport report) {
        return report.findings().stream().map(LintFinding::rule).collect(Collectors.toCollection(HashSet::new));
    }

    private static void isComplete(LintFinding finding) {
        assertThat(finding.line()).isPositive();
        assertThat(finding.message()).isNotBlank();
        assertThat(finding.safeAlternative()).isNotBlank();
    }

}
