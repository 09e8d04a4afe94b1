package dev.tidemark.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tidemark.migration.LockTimeoutRetriesExhaustedException;

/** Explains a migration whose statements kept timing out on table locks until the retries ran out. */
class LockTimeoutRetriesExhaustedFailureAnalyzer extends AbstractFailureAnalyzer<LockTimeoutRetriesExhaustedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LockTimeoutRetriesExhaustedException cause) {
        String blockers = cause.blockers().isEmpty() ? "" : "\n\nSessions that blocked the last attempt:\n    "
                + String.join("\n    ", cause.blockers());
        return new FailureAnalysis("Tidemark gave up on migration " + cause.script() + " after " + cause.attempts()
                + " attempts, each cancelled by lock_timeout so it would not stall the application's queries:\n\n    "
                + cause.getMessage() + blockers + "\n\nNothing of this migration was applied.",
                "Find what holds locks on the migrated table for long (long transactions, 'idle in transaction' "
                        + "sessions, batch jobs) and end or shorten it, then start again; or deploy at a quieter time. "
                        + "Raise tidemark.lock-retries or tidemark.lock-retry-max-duration only if the blockers are "
                        + "legitimate; raising tidemark.initial-lock-timeout makes application queries queue longer "
                        + "behind the DDL (tidemark.lock-timeout only bounds waits that nobody queues behind).",
                cause);
    }

}
