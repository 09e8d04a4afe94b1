package dev.tidemark.migration.internal.sql;
import java.util.ArrayList;
import java.util.List;
// TEMPORARY STUB until the lexer branch lands: splits naively on semicolons and $$.
public final class SqlScriptSplitter {
    public static List<SqlStatement> split(String script) throws SqlSyntaxException {
        List<SqlStatement> out = new ArrayList<>();
        int line = 1, start = 0, startLine = 1; boolean dollar = false; StringBuilder cur = new StringBuilder();
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (c == '$' && i + 1 < script.length() && script.charAt(i + 1) == '$') { dollar = !dollar; cur.append("$$"); i++; continue; }
            if (c == '-' && !dollar && i + 1 < script.length() && script.charAt(i + 1) == '-') { while (i < script.length() && script.charAt(i) != '\n') i++; line++; cur.append('\n'); continue; }
            if (c == ';' && !dollar) { add(out, cur, startLine); cur.setLength(0); continue; }
            if (cur.toString().isBlank() && !Character.isWhitespace(c)) { startLine = line; }
            if (c == '\n') line++;
            cur.append(c);
        }
        if (dollar) throw new SqlSyntaxException("unterminated dollar-quoted string", startLine);
        add(out, cur, startLine);
        return out;
    }
    private static void add(List<SqlStatement> out, StringBuilder cur, int line) { if (!cur.toString().isBlank()) out.add(new SqlStatement(cur.toString().trim(), line)); }
}
