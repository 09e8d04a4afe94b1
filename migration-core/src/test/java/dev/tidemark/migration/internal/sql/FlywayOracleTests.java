package dev.tidemark.migration.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.flywaydb.core.api.configuration.ClassicConfiguration;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.postgresql.PostgreSQLParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks our statement boundaries, line numbers and transaction classification against Flyway's
 * PostgreSQL parser, run standalone, over the whole corpus. Texts are compared normalized (comments and
 * whitespace differences removed). Where the two disagree, PostgreSQL's documentation shows Flyway to be
 * wrong; each such case is listed below with the reason, and the test asserts that Flyway's output is
 * exactly ours with that one mistake applied, so any other drift still fails.
 */
class FlywayOracleTests {

    /** Splitting differences: what Flyway produces, as a function of what we produce. */
    private static final Map<String, KnownDifference> KNOWN_SPLIT_DIFFERENCES = Map.of(
            // PostgreSQL: a SQL-standard body's statements may hold any expression, including a CASE
            // nested in another CASE. Flyway counts CASE only while the innermost open block is the
            // BEGIN ATOMIC itself, so the inner CASE's END closes the outer CASE, the outer END closes
            // the body, and Flyway cuts the function at the next semicolon, leaving "END" on its own.
            "15_sql_standard_functions.sql", new KnownDifference(
                    "Flyway does not count a CASE nested in a CASE inside BEGIN ATOMIC",
                    (ours) -> cutBeforeFinalEnd(ours, 2, 28)),
            // PostgreSQL (4.1.2.4, 4.1.4): a dollar-quote tag follows the identifier rules, so cannot
            // start with a digit; $1 is a positional parameter. Flyway takes everything up to the next
            // "$" as a tag ("$1 * (SELECT ... code = $"), never finds it again, and swallows the rest of
            // the file into the function.
            "17_positional_parameters.sql", new KnownDifference(
                    "Flyway reads the positional parameter $1 as the start of a dollar quote",
                    (ours) -> mergeFrom(ours, 1)));

    /**
     * Transaction differences: lines of statements that PostgreSQL refuses in a transaction block but
     * Flyway would run in one. ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY and REINDEX ...
     * CONCURRENTLY "cannot be run inside a transaction block" (ALTER TABLE and REINDEX reference
     * pages); Flyway's patterns know neither.
     */
    private static final Map<String, Set<Integer>> KNOWN_TRANSACTION_DIFFERENCES = Map.of(
            "11_partitioned_tables.sql", Set.of(20),
            "12_concurrent_indexes.sql", Set.of(14));

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.tidemark.migration.internal.sql.SqlCorpus#scripts")
    void flywayFindsTheSameStatementsOnTheSameLinesExceptWhereItIsWrong(String script) throws Exception {
        List<Parsed> ours = ours(script);
        List<Parsed> flyway = flyway(script);
        KnownDifference difference = KNOWN_SPLIT_DIFFERENCES.get(script);
        if (difference == null) {
            assertThat(flyway).isEqualTo(ours);
        }
        else {
            assertThat(flyway).as(difference.why()).isNotEqualTo(ours).isEqualTo(difference.flyway().apply(ours));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.tidemark.migration.internal.sql.SqlCorpus#scripts")
    void flywayAgreesOnWhatMayRunInATransactionExceptWhereItIsWrong(String script) throws Exception {
        // Only where both find the same statements can their classifications be paired up.
        if (KNOWN_SPLIT_DIFFERENCES.containsKey(script)) {
            return;
        }
        List<SqlStatement> ours = SqlScriptSplitter.split(SqlCorpus.read(script));
        List<org.flywaydb.core.internal.sqlscript.SqlStatement> flyway = flywayStatements(script);
        assertThat(flyway).hasSameSizeAs(ours);
        Set<Integer> knownLines = KNOWN_TRANSACTION_DIFFERENCES.getOrDefault(script, Set.of());
        for (int i = 0; i < ours.size(); i++) {
            SqlStatement statement = ours.get(i);
            boolean expected = knownLines.contains(statement.line()) ? !flyway.get(i).canExecuteInTransaction()
                    : flyway.get(i).canExecuteInTransaction();
            assertThat(StatementClassifier.canRunInTransaction(statement)).as("line %d", statement.line())
                .isEqualTo(expected);
        }
        assertThat(knownLines).allSatisfy((line) -> assertThat(ours).anySatisfy((statement) -> {
            assertThat(statement.line()).isEqualTo(line);
            assertThat(StatementClassifier.canRunInTransaction(statement)).isFalse();
        }));
    }

    @Test
    void everyKnownDifferenceNamesACorpusScript() {
        Set<String> scripts = SqlCorpus.scripts().collect(Collectors.toSet());
        assertThat(scripts).containsAll(KNOWN_SPLIT_DIFFERENCES.keySet())
            .containsAll(KNOWN_TRANSACTION_DIFFERENCES.keySet());
    }

    private static List<Parsed> ours(String script) throws SqlSyntaxException {
        return SqlScriptSplitter.split(SqlCorpus.read(script)).stream()
            .map((statement) -> new Parsed(statement.line(), statement.normalized()))
            .toList();
    }

    private static List<Parsed> flyway(String script) {
        return flywayStatements(script).stream()
            .map((statement) -> new Parsed(statement.getLineNumber(),
                    SqlNormalizer.normalize(statement.getSql(), false)))
            .toList();
    }

    private static List<org.flywaydb.core.internal.sqlscript.SqlStatement> flywayStatements(String script) {
        ClassicConfiguration configuration = new ClassicConfiguration();
        // ${...} placeholders are Flyway's, not PostgreSQL's; the oracle must see the text as written.
        configuration.setPlaceholderReplacement(false);
        PostgreSQLParser parser = new PostgreSQLParser(configuration, new ParsingContext());
        List<org.flywaydb.core.internal.sqlscript.SqlStatement> statements = new ArrayList<>();
        try (SqlStatementIterator iterator = parser.parse(new StringResource(SqlCorpus.read(script)))) {
            iterator.forEachRemaining(statements::add);
        }
        return statements;
    }

    /** Flyway's mistake on nested CASE: statement {@code index} ends before its final END, found alone. */
    private static List<Parsed> cutBeforeFinalEnd(List<Parsed> ours, int index, int endLine) {
        List<Parsed> result = new ArrayList<>(ours);
        Parsed cut = result.remove(index);
        assertThat(cut.text()).endsWith("; END");
        result.add(index, new Parsed(cut.line(), cut.text().substring(0, cut.text().length() - "; END".length())));
        result.add(index + 1, new Parsed(endLine, "END"));
        return result;
    }

    /** Flyway's mistake on {@code $1}: from statement {@code index} on, the rest of the file is one statement. */
    private static List<Parsed> mergeFrom(List<Parsed> ours, int index) {
        List<Parsed> result = new ArrayList<>(ours.subList(0, index));
        String merged = ours.subList(index, ours.size()).stream().map(Parsed::text).collect(Collectors.joining("; "));
        // Flyway keeps the file's last semicolon, as it never saw a statement end.
        result.add(new Parsed(ours.get(index).line(), merged + ";"));
        return result;
    }

    private record Parsed(int line, String text) {
    }

    private record KnownDifference(String why, UnaryOperator<List<Parsed>> flyway) {
    }

}
