package dev.tidemark.migration.internal.sql;
// TEMPORARY STUB until the lexer branch lands.
public record SqlStatement(String sql, int line) {
    public String normalized() { return sql.replaceAll("\\s+", " ").trim(); }
}
