package dev.tidemark.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tidemark.migration.LockWaitTimeoutException;

/** Explains a startup that gave up waiting for another instance's migration lock. */
class LockWaitTimeoutFailureAnalyzer extends AbstractFailureAnalyzer<LockWaitTimeoutException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LockWaitTimeoutException cause) {
        return new FailureAnalysis("Tidemark could not take the migration lock, which another session holds:\n\n    "
                + cause.getMessage(),
                "If another instance is still migrating, let it finish and start this one again, or raise "
                        + "tidemark.lock-wait-timeout. If the holder hangs, find it with SELECT pid, application_name, "
                        + "state, query FROM pg_stat_activity WHERE pid IN (SELECT pid FROM pg_locks WHERE locktype = "
                        + "'advisory') and end it with SELECT pg_terminate_backend(<pid>); the lock goes with its session.",
                cause);
    }

}
