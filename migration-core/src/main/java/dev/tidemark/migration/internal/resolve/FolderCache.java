package dev.tidemark.migration.internal.resolve;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The migrations resolved from {@code filesystem:} scripts, kept per location and relative path with the
 * size and modification time the file had when it was read, so that plans, health probes and reconcile
 * ticks read and lex only files that changed. A file modified less than {@link #SETTLE_TIME} before it
 * was read is read again next time even when its size and time look unchanged: file times tick coarsely
 * (milliseconds, seconds on some file systems), and a same-size edit in the same tick would go unseen.
 * <p>
 * Thread-safe: concurrent resolves may read a file twice; none returns a file older than its stamp says.
 */
final class FolderCache {

    static final Duration SETTLE_TIME = Duration.ofSeconds(2);

    private final Map<String, Map<String, Entry>> locations = new ConcurrentHashMap<>();

    /**
     * Resolves the listed files of a location, reusing what was resolved from an unchanged file and
     * forgetting files that are no longer listed.
     * @param location the location the files were listed from
     * @param files the files it holds now
     * @param resolver reads and resolves one file; its exceptions propagate and nothing is kept for that file
     */
    List<ResolvedMigration> resolve(String location, List<FileStamp> files,
            Function<FileStamp, ResolvedMigration> resolver) {
        Map<String, Entry> entries = this.locations.computeIfAbsent(location, (key) -> new ConcurrentHashMap<>());
        List<ResolvedMigration> resolved = new ArrayList<>(files.size());
        Set<String> present = new HashSet<>();
        // Taken once, before any file is read: a file counts as settled only if it was settled before the first read.
        Instant settledBefore = Instant.now().minus(SETTLE_TIME);
        for (FileStamp file : files) {
            present.add(file.relativePath());
            Entry entry = entries.get(file.relativePath());
            if (entry == null || !entry.isCurrent(file)) {
                boolean settled = file.modified().toInstant().isBefore(settledBefore);
                entry = new Entry(file, resolver.apply(file), settled);
                entries.put(file.relativePath(), entry);
            }
            resolved.add(entry.migration());
        }
        entries.keySet().retainAll(present);
        return resolved;
    }

    /** What a file resolved to, and the stamp it had just before it was read. */
    private record Entry(FileStamp stamp, ResolvedMigration migration, boolean settled) {

        boolean isCurrent(FileStamp file) {
            return this.settled && this.stamp.size() == file.size() && this.stamp.modified().equals(file.modified());
        }

    }

}
