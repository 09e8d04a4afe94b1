package dev.tidemark.migration;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one statement did on a real database, as the lock tracer saw it from inside the statement's transaction:
 * the locks it took on relations that existed before its migration (PostgreSQL's {@code pg_locks}), the relations
 * it rewrote (a new {@code relfilenode}), and the tables it read in full ({@code seq_scan} in
 * {@code pg_stat_xact_user_tables}). Relations are named {@code schema.name}.
 *
 * @param script the migration's path
 * @param line the statement's line
 * @param sql the statement on one line
 * @param outcome whether it ran
 * @param locks the strongest lock the statement itself took on each pre-existing relation
 * @param held the strongest lock held on each pre-existing relation after the statement, earlier statements of the
 *        migration included (locks last until the transaction ends)
 * @param rewritten the pre-existing relations (tables, indexes, materialized views) it rewrote
 * @param scanned the pre-existing tables it read with a sequential scan
 * @param error PostgreSQL's SQL state and message when it failed, else empty
 */
public record TracedStatement(String script, int line, String sql, Outcome outcome, Map<String, LockLevel> locks,
        Map<String, LockLevel> held, List<String> rewritten, List<String> scanned, String error) {

    /** Whether and how a statement ran under the tracer. */
    public enum Outcome {
        /** It ran (and was rolled back with its migration). */
        RAN,
        /** It failed; {@link #error()} says why. Later statements of the migration still ran. */
        FAILED,
        /** PostgreSQL cannot run it inside a transaction (CREATE INDEX CONCURRENTLY, VACUUM, ...), so it was not run. */
        NOT_RUN
    }

    /** Copies the collections. */
    public TracedStatement {
        locks = Map.copyOf(locks);
        held = Map.copyOf(held);
        rewritten = List.copyOf(rewritten);
        scanned = List.copyOf(scanned);
    }

    /** The statement as a line of a report. */
    public String describe() {
        StringBuilder text = new StringBuilder(this.script).append(" line ").append(this.line).append(": ");
        switch (this.outcome) {
            case NOT_RUN -> text.append("not run (cannot run inside a transaction)");
            case FAILED -> text.append("failed: ").append(this.error);
            default -> {
                text.append(this.locks.isEmpty() ? "no lock on existing relations" : "locks " + this.locks.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map((lock) -> lock.getKey() + " (" + lock.getValue().sqlName() + ")")
                    .collect(Collectors.joining(", ")));
                if (!this.rewritten.isEmpty()) {
                    text.append(", rewrites ").append(this.rewritten);
                }
                if (!this.scanned.isEmpty()) {
                    text.append(", scans ").append(this.scanned);
                }
            }
        }
        return text.append("\n    ").append(this.sql).toString();
    }

}
