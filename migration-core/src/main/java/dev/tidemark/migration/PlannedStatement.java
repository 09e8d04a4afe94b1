package dev.tidemark.migration;

/**
 * One statement of a planned migration, with the table lock it takes.
 *
 * @param line the 1-based line where it starts in its script
 * @param sql the statement as written, without the terminating semicolon
 * @param lockLevel the strongest table lock it takes
 */
public record PlannedStatement(int line, String sql, LockLevel lockLevel) {
}
