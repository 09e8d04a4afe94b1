package dev.tidemark.migration.internal.sql;
// TEMPORARY STUB until the lexer branch lands.
public final class StatementClassifier {
    public static boolean canRunInTransaction(SqlStatement s) { String n = s.normalized().toUpperCase(); return !(n.matches("^(CREATE (UNIQUE )?|DROP )INDEX CONCURRENTLY.*") || n.startsWith("VACUUM")); }
    public static boolean isTransactionControl(SqlStatement s) { String n = s.normalized().toUpperCase(); return n.matches("^(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|END)\\b.*"); }
    public static boolean isCopyFromStdin(SqlStatement s) { return s.normalized().toUpperCase().matches("^COPY .* FROM STDIN.*"); }
}
