package dev.tidemark.migration.internal.lock;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The session holding the migration lock, as {@code pg_stat_activity} shows it.
 *
 * @param pid the backend process id
 * @param applicationName the session's {@code application_name}
 * @param clientAddress the client address, or {@code null} for a Unix socket
 * @param since when the session last changed state; the lock connection stays idle once it holds
 *        the lock, so this is close to when it was taken
 * @param state the session state, e.g. {@code idle}
 */
public record LockHolder(int pid, String applicationName, @Nullable String clientAddress, @Nullable Instant since,
        String state) {

    /** Describes the holder for an error message. */
    public String describe() {
        return "pid " + this.pid + " (application_name '" + this.applicationName + "'"
                + ((this.clientAddress != null) ? ", client " + this.clientAddress : "")
                + ", " + this.state + ((this.since != null) ? " since " + this.since : "") + ")";
    }

}
