package dev.tidemark.migration.internal.lint.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tidemark.migration.LintSeverity;

/**
 * Every lint rule, in the order the README lists them, plus the two findings about suppressions themselves
 * ({@link #UNUSED_ALLOW}, {@link #INVALID_ALLOW}). Stateless and thread-safe.
 */
public final class Rules {

    /** An allow directive that suppressed nothing. */
    public static final String UNUSED_ALLOW = "unused-allow";

    /** An allow directive naming an unknown rule. */
    public static final String INVALID_ALLOW = "invalid-allow";

    private static final List<Rule> ALL = List.of(new IndexNotConcurrent(), new DropIndexNotConcurrent(),
            new ConcurrentInTransaction(), new VolatileDefault(), new NotNullWithoutDefault(), new RewriteColumnType(),
            new ConstraintNotValidMissing(), new SetNotNullUnsafe(), new UniqueConstraintWithoutIndex(),
            new PrimaryKeyWithoutIndex(), new RenameColumn(), new RenameTable(), new DropColumn(), new DropTable(),
            new TableRewriteMaintenance(), new LockTableRule(), new TruncateRule(), new JsonType(), new UnbatchedDml(),
            new AddSerialOrIdentity(), new StoredGenerated(), new MultipleExclusiveTables(), new PhaseDdlInMigrate(),
            new PhaseDestructiveInExpand(), new RefreshMaterializedViewBlocking(), new DetachPartitionNotConcurrent(),
            new ExclusionConstraint());

    private static final Map<String, LintSeverity> DEFAULTS = defaults();

    private Rules() {
    }

    /** Every statement rule. */
    public static List<Rule> all() {
        return ALL;
    }

    /** Every rule id with its default severity, the two suppression findings included, in README order. */
    public static Map<String, LintSeverity> defaultSeverities() {
        return DEFAULTS;
    }

    /** The default severity of a rule id, if it is one. */
    public static Optional<LintSeverity> defaultSeverity(String id) {
        return Optional.ofNullable(DEFAULTS.get(id));
    }

    private static Map<String, LintSeverity> defaults() {
        Map<String, LintSeverity> defaults = new LinkedHashMap<>();
        ALL.forEach((rule) -> defaults.put(rule.id(), rule.defaultSeverity()));
        defaults.put(UNUSED_ALLOW, LintSeverity.WARNING);
        defaults.put(INVALID_ALLOW, LintSeverity.ERROR);
        return java.util.Collections.unmodifiableMap(defaults);
    }

}
