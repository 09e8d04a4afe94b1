package dev.tidemark.migration.internal.lint.effect;

import java.util.Optional;

import dev.tidemark.migration.internal.lint.schema.NotNullProof;
import dev.tidemark.migration.internal.lint.schema.TableInfo;

/**
 * Whether {@code SET NOT NULL} on a column can skip its full-table scan: the column is NOT NULL already, or a
 * validated CHECK constraint proves {@code col IS NOT NULL} (PostgreSQL 12+ then skips the scan). Stateless.
 */
public final class NotNullCheck {

    private NotNullCheck() {
    }

    /** Whether the table's column is known NOT NULL, or proven so by a validated CHECK. */
    public static boolean provenOrAlready(Optional<TableInfo> table, String column) {
        if (table.isEmpty()) {
            return false;
        }
        if (table.get().column(column).map(TableInfo.ColumnInfo::notNull).orElse(false)) {
            return true;
        }
        return proven(table.get(), column);
    }

    /** Whether a validated CHECK constraint of the table proves {@code column IS NOT NULL}. */
    public static boolean proven(TableInfo table, String column) {
        return table.constraints().stream().anyMatch((constraint) -> constraint.kind() == 'c' && constraint.validated()
                && constraint.check() != null && NotNullProof.proves(constraint.check(), column));
    }

}
