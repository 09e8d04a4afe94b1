package dev.tidemark.migration;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the pending migrations did on a test database, statement by statement, as the lock tracer saw it: each
 * migration ran in a transaction of its own that was rolled back, so the database is unchanged.
 *
 * @param statements every statement of every traced migration, in order
 */
public record LockTrace(List<TracedStatement> statements) {

    /** Copies the list. */
    public LockTrace {
        statements = List.copyOf(statements);
    }

    /** The statements that took ACCESS EXCLUSIVE on a relation that existed before their migration. */
    public List<TracedStatement> accessExclusive() {
        return this.statements.stream().filter((statement) -> statement.locks().containsValue(LockLevel.ACCESS_EXCLUSIVE))
            .toList();
    }

    /** The statements that rewrote a relation that existed before their migration. */
    public List<TracedStatement> rewrites() {
        return this.statements.stream().filter((statement) -> !statement.rewritten().isEmpty()).toList();
    }

    /** The statement of a script that starts on a line, if it was traced. */
    public java.util.Optional<TracedStatement> at(String script, int line) {
        return this.statements.stream().filter((s) -> s.script().equals(script) && s.line() == line).findFirst();
    }

    /** The trace as lines a person reads. */
    public String describe() {
        return this.statements.stream().map(TracedStatement::describe).collect(Collectors.joining("\n"));
    }

}
