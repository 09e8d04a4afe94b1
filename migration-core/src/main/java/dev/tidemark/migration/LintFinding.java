package dev.tidemark.migration;

import java.util.Objects;

/**
 * One thing the safety linter found wrong with a statement of a migration, with what to write instead.
 *
 * @param rule the rule's id, e.g. {@code index-not-concurrent} (README, "Safety linter", lists them)
 * @param severity how much it matters, after the configured overrides
 * @param script the migration's path relative to its location, e.g. {@code 2.0.0/V4__expand__index.sql}
 * @param line the 1-based line of the statement (of the statement inside a {@code DO} block, where it is one)
 * @param statement the statement, on one line, shortened to 200 characters
 * @param message what is wrong and why, naming the tables and columns
 * @param safeAlternative what to write instead, as SQL for this statement where there is a direct rewrite
 */
public record LintFinding(String rule, LintSeverity severity, String script, int line, String statement,
        String message, String safeAlternative) {

    /** Checks the components. */
    public LintFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(safeAlternative, "safeAlternative");
    }

    /**
     * The finding as a person reads it, e.g.
     * <pre>
     * ERROR index-not-concurrent: 2.0.0/V4__expand__index_orders.sql line 3
     *   CREATE INDEX orders_customer_idx ON orders (customer_id)
     *   CREATE INDEX without CONCURRENTLY takes a SHARE lock on orders: every write waits for the whole build.
     *   Safe alternative:
     *     CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);
     * </pre>
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(this.severity.name()).append(' ').append(this.rule).append(": ").append(this.script);
        if (this.line > 0) {
            text.append(" line ").append(this.line);
        }
        if (!this.statement.isEmpty()) {
            text.append("\n  ").append(this.statement);
        }
        text.append("\n  ").append(this.message);
        if (!this.safeAlternative.isEmpty()) {
            text.append("\n  Safe alternative:");
            this.safeAlternative.lines().forEach((line) -> text.append("\n    ").append(line));
        }
        return text.toString();
    }

}
