package dev.tidemark.migration.internal.sql;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round trip: generate statements full of traps, join them into a script with random separators,
 * comments and empty statements, split the script, and expect exactly the generated statements back,
 * with their lines. The seeds are fixed so a failure reproduces; each failure names its seed and shows
 * the script.
 */
class SqlScriptSplitterRandomizedTests {

    private static final int STATEMENTS_PER_SCRIPT = 60;

    static LongStream seeds() {
        return LongStream.concat(LongStream.rangeClosed(1, 40),
                LongStream.of(0xC0FFEEL, 0xDEADBEEFL, 20240229L, 8_675_309L, -1L, Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void splittingAGeneratedScriptGivesBackTheGeneratedStatements(long seed) {
        RandomScriptGenerator.Script script = new RandomScriptGenerator(seed).script(STATEMENTS_PER_SCRIPT);
        List<SqlStatement> actual;
        try {
            actual = SqlScriptSplitter.split(script.text());
        }
        catch (SqlSyntaxException ex) {
            throw new AssertionError("seed " + seed + ": " + ex.getMessage() + " in script:\n" + script.text(), ex);
        }
        assertThat(actual).as("seed %d, script:%n%s", seed, script.text())
            .containsExactlyElementsOf(script.statements());
    }

}
