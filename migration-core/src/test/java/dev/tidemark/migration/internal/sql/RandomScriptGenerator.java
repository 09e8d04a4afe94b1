package dev.tidemark.migration.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Builds random scripts whose statements are known in advance: every piece that could fool a splitter
 * (semicolons, quotes, comment markers and dollar signs inside literals, identifiers and comments) is
 * generated on purpose, and the generator records each statement's exact text and first line as it
 * writes it. Not thread-safe; one instance per seed.
 */
final class RandomScriptGenerator {

    /** A script and the statements a correct splitter must find in it. */
    record Script(String text, List<SqlStatement> statements) {
    }

    private static final String[] VERBS = { "SELECT", "INSERT", "update", "Delete", "VALUES", "WITH", "ALTER",
            "COMMENT", "GRANT", "do" };

    // Words that steer BEGIN ATOMIC tracking ("AS" makes the next word a label); random identifiers
    // must not hit them by chance.
    private static final Set<String> RESERVED = Set.of("begin", "end", "case", "atomic", "as");

    private static final String[] TEXT = { "a", "b c", ";", ";;", "--", "/*", "*/", "$$", "$x$", "$1", "\n",
            "é", "😀", "\\", " ", "E", "U&" };

    private static final String[] INSIDE_SEPARATORS = { " ", "  ", "\n", "\t", "\n    ", "\r\n", "/* c; ' \" */",
            " /* a /* nested; */ b */ ", " -- c; ' \" $$ /*\n", "--\n" };

    private static final String[] BETWEEN_STATEMENTS = { "", " ", "\n", "\n\n", " -- after; 'x\n", "/* between; */",
            ";", "\n;\n", " ; -- empty\n", "\n/* a\n;\n */\n", "\r\n" };

    private final Random random;

    private final StringBuilder text = new StringBuilder();

    private final List<SqlStatement> statements = new ArrayList<>();

    private int line = 1;

    RandomScriptGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** Generates a script of {@code count} statements. */
    Script script(int count) {
        append(pick(BETWEEN_STATEMENTS));
        for (int i = 0; i < count; i++) {
            int firstLine = this.line;
            String statement = (this.random.nextInt(8) == 0) ? atomicFunction(i) : plainStatement();
            append(statement);
            this.statements.add(new SqlStatement(statement, firstLine));
            boolean last = i == count - 1;
            if (!last || this.random.nextBoolean()) {
                append(";");
            }
            append(pick(BETWEEN_STATEMENTS));
        }
        if (this.random.nextBoolean()) {
            append(" -- the end, without a line break");
        }
        return new Script(this.text.toString(), List.copyOf(this.statements));
    }

    private String plainStatement() {
        StringBuilder statement = new StringBuilder(pick(VERBS));
        int pieces = 1 + this.random.nextInt(8);
        for (int i = 0; i < pieces; i++) {
            statement.append(pick(INSIDE_SEPARATORS)).append(piece(0));
        }
        return statement.toString();
    }

    /** A SQL-standard function whose body holds statements, semicolons and CASE ... END expressions. */
    private String atomicFunction(int index) {
        StringBuilder function = new StringBuilder("CREATE ");
        if (this.random.nextBoolean()) {
            function.append("OR REPLACE ");
        }
        function.append(this.random.nextBoolean() ? "FUNCTION" : "procedure").append(" f").append(index)
            .append("() RETURNS int LANGUAGE sql").append(pick(INSIDE_SEPARATORS)).append("BEGIN")
            .append(pick(INSIDE_SEPARATORS)).append("ATOMIC");
        int body = this.random.nextInt(4);
        for (int i = 0; i < body; i++) {
            function.append(pick(INSIDE_SEPARATORS)).append(plainStatement()).append(pick(INSIDE_SEPARATORS))
                .append(caseExpression(0)).append(';');
        }
        return function.append(pick(INSIDE_SEPARATORS)).append("END").toString();
    }

    private String piece(int depth) {
        return switch (this.random.nextInt(depth < 2 ? 14 : 12)) {
            case 0 -> identifier();
            case 1 -> "\"" + text('"') + "\"";
            case 2 -> "'" + text('\'') + "'";
            case 3 -> escapeString();
            case 4 -> "U&'" + text('\'') + "'";
            case 5 -> "U&\"" + text('"') + "\"";
            case 6 -> dollarQuoted();
            case 7 -> "$" + (1 + this.random.nextInt(99));
            case 8 -> pick(new String[] { "1", "42", "+", "=", "::", "<>", "*", "," });
            case 9 -> identifier() + "$" + identifier();
            case 10 -> "x$$";
            case 11 -> identifier();
            case 12 -> caseExpression(depth + 1);
            default -> "(" + piece(depth + 1) + pick(INSIDE_SEPARATORS) + ";" + pick(INSIDE_SEPARATORS)
                    + piece(depth + 1) + ")";
        };
    }

    private String caseExpression(int depth) {
        String result = depth < 2 ? piece(depth + 1) : identifier();
        return "CASE WHEN " + identifier() + " THEN " + result + " ELSE " + identifier() + " END";
    }

    private String identifier() {
        String first = "abcdefghijklmnopqrstuvwxyz_ÉéСс";
        String rest = first + "0123456789$";
        while (true) {
            StringBuilder name = new StringBuilder().append(first.charAt(this.random.nextInt(first.length())));
            int length = this.random.nextInt(8);
            for (int i = 0; i < length; i++) {
                name.append(rest.charAt(this.random.nextInt(rest.length())));
            }
            if (!RESERVED.contains(name.toString().toLowerCase(Locale.ROOT))) {
                return name.toString();
            }
        }
    }

    /** Text for inside quotes, with the quote doubled wherever it occurs. */
    private String text(char quote) {
        StringBuilder result = new StringBuilder();
        int fragments = this.random.nextInt(6);
        for (int i = 0; i < fragments; i++) {
            String fragment = (this.random.nextInt(5) == 0) ? "'\"" : pick(TEXT);
            result.append(fragment.replace(String.valueOf(quote), String.valueOf(quote).repeat(2)));
        }
        return result.toString();
    }

    private String escapeString() {
        String[] fragments = { "a", ";", "\\'", "''", "\\\\", "\\n", "--", "/*", "$$", "\n", "\"", "\\x41" };
        StringBuilder result = new StringBuilder(this.random.nextBoolean() ? "E'" : "e'");
        int count = this.random.nextInt(6);
        for (int i = 0; i < count; i++) {
            result.append(pick(fragments));
        }
        return result.append('\'').toString();
    }

    private String dollarQuoted() {
        String[] tags = { "", "", "a", "body", "_x1", "Tag", "é" };
        String delimiter = "$" + pick(tags) + "$";
        String[] fragments = { ";", "$$", "$a$", "$body$", "$tag$", "'", "\"", "--", "/*", "\n", "x", "$1", "$" };
        while (true) {
            StringBuilder body = new StringBuilder();
            int count = this.random.nextInt(7);
            for (int i = 0; i < count; i++) {
                body.append(pick(fragments));
            }
            // The body must not contain the delimiter, nor end in a way that completes it early.
            if ((body + delimiter).indexOf(delimiter) == body.length()) {
                return delimiter + body + delimiter;
            }
        }
    }

    private void append(String part) {
        this.text.append(part);
        for (int i = 0; i < part.length(); i++) {
            if (part.charAt(i) == '\n') {
                this.line++;
            }
        }
    }

    private String pick(String[] choices) {
        return choices[this.random.nextInt(choices.length)];
    }

}
