package dev.tidemark.migration.internal.sql;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SqlScriptSplitterTests {

    @Test
    void semicolonsAtTopLevelSeparateStatements() throws Exception {
        assertThat(split("SELECT 1; SELECT 2;\nSELECT 3;")).extracting(SqlStatement::sql, SqlStatement::line)
            .containsExactly(tuple("SELECT 1", 1), tuple("SELECT 2", 1), tuple("SELECT 3", 2));
    }

    @Test
    void aFinalStatementNeedsNoSemicolon() throws Exception {
        assertThat(sqls("SELECT 1;\nSELECT 2\n")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void emptyStatementsAndCommentOnlyScriptsProduceNothing() throws Exception {
        assertThat(split("")).isEmpty();
        assertThat(split(" \n\t ")).isEmpty();
        assertThat(split(";;\n ; ;")).isEmpty();
        assertThat(split("-- only a comment\n/* and ; another */\n")).isEmpty();
        assertThat(sqls("SELECT 1;; -- done\n;/* c */;")).containsExactly("SELECT 1");
    }

    @Test
    void commentsBeforeAndAfterAStatementAreDroppedButCommentsInsideStay() throws Exception {
        String script = "-- header ; comment\n/* block */ SELECT a, -- why a\n  b /* and b */ FROM t /* tail */;";
        assertThat(split(script)).extracting(SqlStatement::sql, SqlStatement::line)
            .containsExactly(tuple("SELECT a, -- why a\n  b /* and b */ FROM t", 2));
    }

    @Test
    void aStatementsLineIsTheLineOfItsFirstToken() throws Exception {
        String script = "\n\n  -- comment\n\n   SELECT\n1;\n\n\nSELECT 2";
        assertThat(split(script)).extracting(SqlStatement::line).containsExactly(5, 9);
    }

    @Test
    void singleQuotedStringsHideSemicolonsAndDoubleTheirQuotes() throws Exception {
        assertThat(sqls("SELECT 'a;b', 'it''s; fine', '';SELECT 2"))
            .containsExactly("SELECT 'a;b', 'it''s; fine', ''", "SELECT 2");
    }

    @Test
    void backslashesDoNotEscapeInStandardStrings() throws Exception {
        assertThat(sqls("SELECT 'C:\\dir\\';SELECT 2")).containsExactly("SELECT 'C:\\dir\\'", "SELECT 2");
    }

    @Test
    void escapeStringsAllowBackslashEscapedQuotes() throws Exception {
        assertThat(sqls("SELECT E'it\\'s; \\\\', e'x\\'y'';z';SELECT 2"))
            .containsExactly("SELECT E'it\\'s; \\\\', e'x\\'y'';z'", "SELECT 2");
    }

    @Test
    void anEOnlyMakesAnEscapeStringWhenItIsAWholeWordRightBeforeTheQuote() throws Exception {
        // "name'" is the word "name" and a standard string, where the backslash ends nothing.
        assertThat(sqls("SELECT name'\\';SELECT 2")).containsExactly("SELECT name'\\'", "SELECT 2");
        assertThat(sqls("SELECT E '\\';SELECT 2")).containsExactly("SELECT E '\\'", "SELECT 2");
    }

    @Test
    void unicodeEscapeStringsAndIdentifiersFollowTheDoublingRules() throws Exception {
        assertThat(sqls("SELECT U&'d\\0061t;a' UESCAPE '!', u&'a''b;' AS U&\"x;\"\"y\";SELECT 2")).containsExactly(
                "SELECT U&'d\\0061t;a' UESCAPE '!', u&'a''b;' AS U&\"x;\"\"y\"", "SELECT 2");
    }

    @Test
    void quotedIdentifiersHideSemicolonsAndDoubleTheirQuotes() throws Exception {
        assertThat(sqls("CREATE TABLE \"a;b\" (\"say \"\"hi\"\"; --\" int);SELECT 2"))
            .containsExactly("CREATE TABLE \"a;b\" (\"say \"\"hi\"\"; --\" int)", "SELECT 2");
    }

    @Test
    void dollarQuotesWithAndWithoutTagsHideSemicolons() throws Exception {
        assertThat(sqls("SELECT $$a;b$$, $tag$c;d$tag$, $_1$e;$_1$;SELECT 2"))
            .containsExactly("SELECT $$a;b$$, $tag$c;d$tag$, $_1$e;$_1$", "SELECT 2");
    }

    @Test
    void aDollarQuoteWithAnotherTagInsideABodyIsJustText() throws Exception {
        assertThat(sqls("SELECT $a$ $$ ; $$ $b$ ; $A$ ; $a$; SELECT 2"))
            .containsExactly("SELECT $a$ $$ ; $$ $b$ ; $A$ ; $a$", "SELECT 2");
    }

    @Test
    void positionalParametersAreNotDollarQuotes() throws Exception {
        assertThat(sqls("PREPARE q(int, int) AS SELECT $1 + $2; SELECT $12,$3;")).containsExactly(
                "PREPARE q(int, int) AS SELECT $1 + $2", "SELECT $12,$3");
        // As in PostgreSQL, the parameter ends at its last digit, and a quote may open right after it.
        assertThat(sqls("SELECT $1$x$;$x$; SELECT 2")).containsExactly("SELECT $1$x$;$x$", "SELECT 2");
    }

    @Test
    void aDollarThatContinuesAnIdentifierIsPartOfIt() throws Exception {
        assertThat(sqls("SELECT foo$bar, x$$ FROM t$1; SELECT 2; SELECT $$;$$"))
            .containsExactly("SELECT foo$bar, x$$ FROM t$1", "SELECT 2", "SELECT $$;$$");
    }

    @Test
    void aLoneDollarWithoutAClosingDollarIsNotAQuote() throws Exception {
        assertThat(sqls("SELECT $ab ; SELECT 2")).containsExactly("SELECT $ab", "SELECT 2");
    }

    @Test
    void blockCommentsNest() throws Exception {
        assertThat(split("/* outer /* inner ; */ still ; comment */ SELECT 1; /*/ not closed by this / */ SELECT 2"))
            .extracting(SqlStatement::sql).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void lineCommentsHideQuotesAndSemicolons() throws Exception {
        assertThat(sqls("SELECT 1 -- it's; \"odd $$\nFROM t; SELECT 2"))
            .containsExactly("SELECT 1 -- it's; \"odd $$\nFROM t", "SELECT 2");
    }

    @Test
    void commentMarkersInsideStringsAreText() throws Exception {
        assertThat(sqls("SELECT '--', '/*', $$ -- /* $$, \"--;\"; SELECT 2"))
            .containsExactly("SELECT '--', '/*', $$ -- /* $$, \"--;\"", "SELECT 2");
    }

    @Test
    void semicolonsInsideParenthesesDoNotEndTheStatement() throws Exception {
        String rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))";
        assertThat(sqls(rule + ";\nSELECT 2;")).containsExactly(rule, "SELECT 2");
    }

    @Test
    void aDoBlockFullOfSemicolonsIsOneStatement() throws Exception {
        String block = """
                DO $$
                DECLARE
                    n int;
                BEGIN
                    SELECT count(*) INTO n FROM t;
                    IF n > 0 THEN
                        RAISE NOTICE 'rows: %; done', n;
                    END IF;
                END
                $$""";
        assertThat(split(block + ";\nSELECT 2;")).extracting(SqlStatement::sql, SqlStatement::line)
            .containsExactly(tuple(block, 1), tuple("SELECT 2", 11));
    }

    @Test
    void aFunctionWithATaggedBodyMayContainDoubleDollars() throws Exception {
        String function = """
                CREATE FUNCTION run() RETURNS void LANGUAGE plpgsql AS $body$
                BEGIN
                    EXECUTE $$CREATE TABLE x (a int); DROP TABLE x;$$;
                END;
                $body$""";
        assertThat(split(function + ";\nSELECT 2;")).extracting(SqlStatement::sql, SqlStatement::line)
            .containsExactly(tuple(function, 1), tuple("SELECT 2", 6));
    }

    @Test
    void aBeginAtomicBodyIsOneStatement() throws Exception {
        String function = """
                CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                    SELECT 1;
                    SELECT CASE WHEN x > 0 THEN CASE x WHEN 1 THEN 1 ELSE 2 END ELSE 0 END;
                END""";
        assertThat(split(function + ";\nSELECT 2;")).extracting(SqlStatement::sql, SqlStatement::line)
            .containsExactly(tuple(function, 1), tuple("SELECT 2", 6));
    }

    @Test
    void beginAtomicWorksForProceduresAndCreateOrReplace() throws Exception {
        String procedure = "create or replace procedure p() language sql begin atomic insert into t values (1); "
                + "update t set a = 2; end";
        assertThat(sqls(procedure + "; SELECT 2")).containsExactly(procedure, "SELECT 2");
        String empty = "CREATE FUNCTION f() RETURNS void LANGUAGE sql BEGIN ATOMIC END";
        assertThat(sqls(empty + "; SELECT 2")).containsExactly(empty, "SELECT 2");
    }

    @Test
    void endUsedAsAColumnLabelDoesNotCloseABeginAtomicBody() throws Exception {
        String function = "CREATE FUNCTION f() RETURNS TABLE (s int, e int) LANGUAGE sql BEGIN ATOMIC "
                + "SELECT r.start AS case, r.end AS end FROM ranges r; END";
        assertThat(sqls(function + "; SELECT 2")).containsExactly(function, "SELECT 2");
    }

    @Test
    void beginOutsideARoutineIsJustAWord() throws Exception {
        assertThat(sqls("BEGIN; SELECT 1; COMMIT;")).containsExactly("BEGIN", "SELECT 1", "COMMIT");
        assertThat(sqls("SELECT begin, atomic FROM t; SELECT 2")).containsExactly("SELECT begin, atomic FROM t",
                "SELECT 2");
        assertThat(sqls("CREATE FUNCTION f() RETURNS int AS $$ BEGIN ATOMIC; $$ LANGUAGE sql; SELECT 2"))
            .containsExactly("CREATE FUNCTION f() RETURNS int AS $$ BEGIN ATOMIC; $$ LANGUAGE sql", "SELECT 2");
    }

    @Test
    void carriageReturnsCountAsLineBreaks() throws Exception {
        assertThat(split("SELECT 1;\r\nSELECT 2 -- c\r\n;\r\rSELECT 3")).extracting(SqlStatement::sql, SqlStatement::line)
            .containsExactly(tuple("SELECT 1", 1), tuple("SELECT 2", 2), tuple("SELECT 3", 5));
    }

    @Test
    void linesAreCountedThroughMultiLineStringsAndComments() throws Exception {
        String script = """
                SELECT 'one
                two;
                three';
                /* a
                   b; */ SELECT E'x\\
                y';
                SELECT $q$
                ;
                $q$;
                -- end
                SELECT "multi
                line";
                """;
        assertThat(split(script)).extracting(SqlStatement::line).containsExactly(1, 5, 7, 11);
    }

    @Test
    void nonAsciiTextIsKeptIntact() throws Exception {
        assertThat(sqls("INSERT INTO café (naïve) VALUES ('日本語; 😀'); SELECT $é$;$é$")).containsExactly(
                "INSERT INTO café (naïve) VALUES ('日本語; 😀')", "SELECT $é$;$é$");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unclosedConstructs")
    void anUnclosedConstructIsReportedWithTheLineWhereItStarted(String script, String message, int line) {
        assertThatExceptionOfType(SqlSyntaxException.class).isThrownBy(() -> SqlScriptSplitter.split(script))
            .withMessage(message)
            .satisfies((exception) -> assertThat(exception.line()).isEqualTo(line));
    }

    static Stream<Arguments> unclosedConstructs() {
        return Stream.of(
                arguments("SELECT 1;\n\nSELECT 'abc;\nd", "unterminated string '...' starting at line 3", 3),
                arguments("SELECT 'it''s", "unterminated string '...' starting at line 1", 1),
                arguments("SELECT U&'abc", "unterminated string U&'...' starting at line 1", 1),
                arguments("SELECT 1;\nSELECT E'it\\'s", "unterminated escape string E'...' starting at line 2", 2),
                arguments("SELECT E'ends in a backslash\\'", "unterminated escape string E'...' starting at line 1", 1),
                arguments("\nSELECT \"a;b", "unterminated quoted identifier starting at line 2", 2),
                arguments("SELECT U&\"a", "unterminated quoted identifier U&\"...\" starting at line 1", 1),
                arguments("SELECT 1;\n\n\n\n\n\n\n\n\n\n\nCREATE FUNCTION f() AS $body$\nSELECT $$x$$;\n$$",
                        "unterminated dollar-quoted string $body$ starting at line 12", 12),
                arguments("SELECT $$ a $ab$", "unterminated dollar-quoted string $$ starting at line 1", 1),
                arguments("SELECT 1; /* a /* b */\nSELECT 2;", "unterminated block comment starting at line 1", 1),
                arguments("SELECT 1;\nINSERT INTO t VALUES (1, 2;\nSELECT 3;", "unclosed parenthesis starting at line 2", 2),
                arguments("CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\nSELECT 1;",
                        "unterminated BEGIN ATOMIC body starting at line 2 (no matching END)", 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.tidemark.migration.internal.sql.SqlCorpus#scripts")
    void splitsEveryCorpusScriptIntoItsExpectedStatements(String script) throws Exception {
        List<String> actual = split(SqlCorpus.read(script)).stream()
            .map((statement) -> statement.line() + "|" + statement.normalized().replace("\n", "\\n"))
            .toList();
        List<String> expected = SqlCorpus.expected(script);
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("statement %d of %s", i + 1, script).startsWith(expected.get(i));
        }
    }

    @Test
    void normalizedDropsCommentsAndCollapsesWhitespaceButKeepsLiterals() {
        SqlStatement statement = new SqlStatement("CREATE  /* why */ INDEX\n\t-- note\n  CONCURRENTLY i ON t "
                + "(lower(a)) WHERE b = 'x  -- y\n z' AND c = $$ /* k */ $$", 1);
        assertThat(statement.normalized()).isEqualTo(
                "CREATE INDEX CONCURRENTLY i ON t (lower(a)) WHERE b = 'x  -- y\n z' AND c = $$ /* k */ $$");
    }

    @Test
    void aStatementNeedsAPositiveLine() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new SqlStatement("SELECT 1", 0));
    }

    private static List<SqlStatement> split(String script) throws SqlSyntaxException {
        return SqlScriptSplitter.split(script);
    }

    private static List<String> sqls(String script) throws SqlSyntaxException {
        return split(script).stream().map(SqlStatement::sql).toList();
    }

}
