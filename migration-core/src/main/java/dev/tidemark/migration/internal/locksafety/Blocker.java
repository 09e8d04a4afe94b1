package dev.tidemark.migration.internal.locksafety;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A session that blocked a migration statement, as {@code pg_stat_activity} showed it while the
 * statement waited.
 *
 * @param pid the backend pid
 * @param applicationName its {@code application_name}
 * @param state its state, e.g. {@code idle in transaction}
 * @param age how long its transaction (or, outside one, its query) has been running
 * @param query the start of its current or last query
 */
record Blocker(int pid, @Nullable String applicationName, @Nullable String state, Duration age, @Nullable String query) {

    /** E.g. {@code pid 4242 (application_name "billing", state "idle in transaction" for 12.3 s, query "SELECT ...")}. */
    String describe() {
        String flatQuery = (this.query != null) ? this.query.replaceAll("\\s+", " ").trim() : "";
        return "pid " + this.pid + " (application_name \"" + ((this.applicationName != null) ? this.applicationName : "")
                + "\", state \"" + this.state + "\" for " + String.format(Locale.ROOT, "%.1f s",
                        this.age.toMillis() / 1000.0)
                + ", query \"" + flatQuery + "\")";
    }

    /** Each blocker described, separated by semicolons. */
    static String describeAll(List<Blocker> blockers) {
        return blockers.isEmpty() ? "sessions that ended before they could be identified"
                : blockers.stream().map(Blocker::describe).collect(Collectors.joining("; "));
    }

}
