package dev.tidemark.migration.internal.resolve;

import java.util.List;

/**
 * Everything the locations and the Java migrations define.
 *
 * @param versioned the versioned migrations, sorted by version
 * @param repeatable the repeatable migrations, sorted by description
 */
public record Resolution(List<ResolvedMigration> versioned, List<ResolvedMigration> repeatable) {
}
