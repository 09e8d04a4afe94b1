package dev.tidemark.migration.internal.sql;
// TEMPORARY STUB until the lexer branch lands.
public final class SqlSyntaxException extends Exception {
    private final int line;
    public SqlSyntaxException(String message, int line) { super(message); this.line = line; }
    public int line() { return line; }
}
