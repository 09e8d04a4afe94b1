package dev.tidemark.migration;

import org.jspecify.annotations.Nullable;

/**
 * Where Tidemark keeps its own tables. Names are quoted as given, so they must be plain identifiers, and
 * short enough for the index names Tidemark derives from them. Validated when built.
 *
 * @param schema the schema of Tidemark's tables, or {@code null} for the connection's current schema
 * @param historyTable the name of the migration history table
 * @param instancesTable the name of the fleet registry table
 */
public record TableSettings(@Nullable String schema, String historyTable, String instancesTable) {

    /** The suffix of the history table's unique index on successful versions. */
    public static final String HISTORY_INDEX_SUFFIX = "_version_success";

    /** The defaults: {@code tidemark_history} and {@code tidemark_instances} in the connection's current schema. */
    public static final TableSettings DEFAULTS = new TableSettings(null, "tidemark_history", "tidemark_instances");

    /**
     * Validates the names.
     * @throws InvalidConfigurationException naming the option at fault
     */
    public TableSettings {
        if (schema != null) {
            Options.identifier("schema", schema, 0);
        }
        Options.identifier("historyTable", historyTable, HISTORY_INDEX_SUFFIX.length());
        // The registry's primary key index is named by PostgreSQL, which shortens the name itself.
        Options.identifier("instancesTable", instancesTable, 0);
        if (historyTable.equals(instancesTable)) {
            throw new InvalidConfigurationException("instancesTable", "'" + instancesTable + "' is also the name of the "
                    + "history table; give the two tables different names");
        }
    }

}
