package dev.tidemark.migration.internal.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import dev.tidemark.migration.internal.sql.SqlLexer.Kind;
import dev.tidemark.migration.internal.sql.SqlLexer.Token;

/**
 * Splits a PostgreSQL script into statements, the way {@code psql} does, without a database.
 * <p>
 * A semicolon ends a statement unless it stands inside a string constant ({@code '...'},
 * {@code E'...'}, {@code U&'...'}, dollar quotes), a quoted identifier, a comment, parentheses (as in
 * {@code CREATE RULE ... DO (cmd; cmd)}) or the {@code BEGIN ATOMIC ... END} body of a SQL-standard
 * function or procedure (PostgreSQL 14+). Inside such a body, {@code CASE ... END} pairs are counted so
 * that only the {@code END} matching {@code BEGIN ATOMIC} closes it; a {@code case} or {@code end}
 * written as a label ({@code AS end}, {@code t.end}) is not counted. The body is recognised only in a
 * statement that starts with {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}, as {@code psql} does.
 * <p>
 * Empty statements ({@code ;;}) and statements made only of comments produce nothing. The script is
 * expected with LF line breaks; a CR LF or a lone CR also counts as one line break.
 * <p>
 * Stateless and thread-safe; each call works on its own instance.
 */
public final class SqlScriptSplitter {

    private final String script;

    private final List<SqlStatement> statements = new ArrayList<>();

    // The statement being read: where its first token starts (-1 before it has one) and its last ends.
    private int firstStart = -1;

    private int firstLine;

    private int lastEnd;

    // Lines of the parentheses still open, innermost last, to report one that is never closed.
    private final Deque<Integer> openParentheses = new ArrayDeque<>();

    // The first words of the statement, upper-cased, enough to tell CREATE OR REPLACE FUNCTION.
    private final List<String> head = new ArrayList<>(4);

    // The previous significant token, for telling a label ("t.end", "AS end") from a keyword.
    private boolean previousIsDot;

    private String previousWord = "";

    // BEGIN ATOMIC tracking: the line of a BEGIN that ATOMIC may follow, the line where the body
    // started (0 outside a body) and how many CASE expressions are open inside it.
    private int beginLine;

    private int atomicLine;

    private int caseDepth;

    private SqlScriptSplitter(String script) {
        this.script = script;
    }

    /**
     * Splits a script into its statements.
     * @param script the whole script, preferably with LF line breaks and without a byte order mark
     * @return the statements in order; empty when the script holds only whitespace and comments
     * @throws SqlSyntaxException if a string constant, quoted identifier, dollar-quoted string, block
     * comment, parenthesis or {@code BEGIN ATOMIC} body is not closed by the end of the script
     */
    public static List<SqlStatement> split(String script) throws SqlSyntaxException {
        return new SqlScriptSplitter(script).run();
    }

    private List<SqlStatement> run() throws SqlSyntaxException {
        SqlLexer lexer = new SqlLexer(this.script);
        while (lexer.hasNext()) {
            Token token = lexer.next();
            if (!token.terminated()) {
                throw unterminated(token);
            }
            if (token.isTrivia()) {
                continue;
            }
            if (token.kind() == Kind.SEMICOLON && this.openParentheses.isEmpty() && this.atomicLine == 0) {
                endStatement();
                continue;
            }
            accept(token);
        }
        if (this.atomicLine > 0) {
            throw new SqlSyntaxException("unterminated BEGIN ATOMIC body starting at line " + this.atomicLine
                    + " (no matching END)", this.atomicLine);
        }
        if (!this.openParentheses.isEmpty()) {
            int line = this.openParentheses.peekLast();
            throw new SqlSyntaxException("unclosed parenthesis starting at line " + line, line);
        }
        endStatement();
        return List.copyOf(this.statements);
    }

    private void accept(Token token) {
        if (this.firstStart < 0) {
            this.firstStart = token.start();
            this.firstLine = token.line();
        }
        this.lastEnd = token.end();
        String word = (token.kind() == Kind.WORD) ? token.text(this.script).toUpperCase(Locale.ROOT) : "";
        if (this.head.size() < 4) {
            this.head.add(word);
        }
        switch (token.kind()) {
            case OPEN_PAREN -> this.openParentheses.addLast(token.line());
            case CLOSE_PAREN -> this.openParentheses.pollLast();
            case WORD -> trackAtomicBody(word);
            default -> {
            }
        }
        this.beginLine = (token.kind() == Kind.WORD && word.equals("BEGIN") && isRoutineHead()
                && this.openParentheses.isEmpty() && this.atomicLine == 0) ? token.line() : 0;
        this.previousIsDot = token.kind() == Kind.OTHER && this.script.charAt(token.start()) == '.';
        this.previousWord = word;
    }

    private void trackAtomicBody(String word) {
        if (this.atomicLine == 0) {
            if (this.beginLine > 0 && word.equals("ATOMIC")) {
                this.atomicLine = this.beginLine;
                this.caseDepth = 0;
            }
            return;
        }
        if (isLabel()) {
            // "t.end" and "AS end" name a column; they open or close nothing.
            return;
        }
        if (word.equals("CASE")) {
            this.caseDepth++;
        }
        else if (word.equals("END")) {
            if (this.caseDepth > 0) {
                this.caseDepth--;
            }
            else {
                this.atomicLine = 0;
            }
        }
    }

    private boolean isLabel() {
        return this.previousIsDot || this.previousWord.equals("AS");
    }

    /** Whether the statement starts with {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}. */
    private boolean isRoutineHead() {
        List<String> words = this.head;
        if (words.size() < 2 || !words.get(0).equals("CREATE")) {
            return false;
        }
        if (isRoutineKeyword(words.get(1))) {
            return true;
        }
        return words.size() >= 4 && words.get(1).equals("OR") && words.get(2).equals("REPLACE")
                && isRoutineKeyword(words.get(3));
    }

    private static boolean isRoutineKeyword(String word) {
        return word.equals("FUNCTION") || word.equals("PROCEDURE");
    }

    private void endStatement() {
        if (this.firstStart >= 0) {
            this.statements.add(new SqlStatement(this.script.substring(this.firstStart, this.lastEnd),
                    this.firstLine));
        }
        this.firstStart = -1;
        this.openParentheses.clear();
        this.head.clear();
        this.previousIsDot = false;
        this.previousWord = "";
        this.beginLine = 0;
        this.atomicLine = 0;
        this.caseDepth = 0;
    }

    private SqlSyntaxException unterminated(Token token) {
        String construct = switch (token.kind()) {
            case BLOCK_COMMENT -> "block comment";
            case ESCAPE_STRING -> "escape string E'...'";
            case QUOTED_IDENTIFIER -> (this.script.charAt(token.start()) == '"') ? "quoted identifier"
                    : "quoted identifier U&\"...\"";
            case DOLLAR_STRING -> "dollar-quoted string " + SqlLexer.dollarDelimiter(this.script, token.start());
            default -> (this.script.charAt(token.start()) == '\'') ? "string '...'" : "string U&'...'";
        };
        return new SqlSyntaxException("unterminated " + construct + " starting at line " + token.line(),
                token.line());
    }

}
