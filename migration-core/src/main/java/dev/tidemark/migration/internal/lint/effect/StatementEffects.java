package dev.tidemark.migration.internal.lint.effect;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.tidemark.migration.LockLevel;

/**
 * What one statement does to relations, keyed {@code schema.name}: the strongest lock it takes on each, the tables
 * it rewrites (a new file, every row copied, indexes rebuilt) and the tables it reads in full while holding its lock
 * (validating a constraint, proving NOT NULL, building an index). Immutable once built.
 *
 * @param locks the strongest lock per relation
 * @param rewrites the relations rewritten
 * @param scans the tables read in full
 */
public record StatementEffects(Map<String, LockLevel> locks, Set<String> rewrites, Set<String> scans) {

    /** Nothing. */
    public static final StatementEffects NONE = new StatementEffects(Map.of(), Set.of(), Set.of());

    /** Copies the collections, keeping their order. */
    public StatementEffects {
        locks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(locks));
        rewrites = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(rewrites));
        scans = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(scans));
    }

    /** The relations on which the statement takes ACCESS EXCLUSIVE. */
    public Set<String> accessExclusive() {
        Set<String> keys = new LinkedHashSet<>();
        this.locks.forEach((key, level) -> {
            if (level == LockLevel.ACCESS_EXCLUSIVE) {
                keys.add(key);
            }
        });
        return keys;
    }

    /** Collects effects; the strongest lock per relation wins. Not thread-safe. */
    static final class Builder {

        private final Map<String, LockLevel> locks = new LinkedHashMap<>();

        private final Set<String> rewrites = new LinkedHashSet<>();

        private final Set<String> scans = new LinkedHashSet<>();

        Builder lock(String key, LockLevel level) {
            this.locks.merge(key, level, (a, b) -> (a.compareTo(b) >= 0) ? a : b);
            return this;
        }

        Builder rewrite(String key) {
            this.rewrites.add(key);
            return this;
        }

        Builder scan(String key) {
            this.scans.add(key);
            return this;
        }

        StatementEffects build() {
            return new StatementEffects(this.locks, this.rewrites, this.scans);
        }

    }

}
