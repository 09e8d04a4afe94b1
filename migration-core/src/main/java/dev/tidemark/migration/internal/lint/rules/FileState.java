package dev.tidemark.migration.internal.lint.rules;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.tidemark.migration.Phase;

/**
 * What the linter knows about the file it is reading, beyond the schema: its phase, what it created so far (new
 * objects are exempt from the lock and rewrite rules), and the state of its current transaction. Changed by the
 * linter as it reads the file's statements in order; rules read it. Not thread-safe.
 */
public final class FileState {

    private final String script;

    private final Phase phase;

    private final boolean backfill;

    private final boolean transactional;

    private final int targetVersion;

    private final Set<String> created = new HashSet<>();

    private final Set<String> addedColumns = new HashSet<>();

    private final Set<String> notValidConstraints = new HashSet<>();

    private final Set<String> exclusiveTables = new LinkedHashSet<>();

    private boolean inTransactionBlock;

    private boolean exclusiveReported;

    /**
     * Creates the state of a file about to be read.
     * @param script the file's path
     * @param phase its phase
     * @param backfill whether it is declared a Tidemark backfill
     * @param transactional whether it runs in one transaction (false when it holds only statements PostgreSQL runs
     *        outside a transaction block, such as CREATE INDEX CONCURRENTLY)
     * @param targetVersion the PostgreSQL major version it will run on
     */
    public FileState(String script, Phase phase, boolean backfill, boolean transactional, int targetVersion) {
        this.script = script;
        this.phase = phase;
        this.backfill = backfill;
        this.transactional = transactional;
        this.targetVersion = targetVersion;
    }

    /** The file's path. */
    public String script() {
        return this.script;
    }

    /** The file's phase. */
    public Phase phase() {
        return this.phase;
    }

    /** Whether the file is declared a Tidemark backfill (batched for the user). */
    public boolean backfill() {
        return this.backfill;
    }

    /** Whether the whole file runs in one transaction. */
    public boolean transactional() {
        return this.transactional;
    }

    /** The PostgreSQL major version the file will run on. */
    public int targetVersion() {
        return this.targetVersion;
    }

    /** Whether the file created the object with this key (table, index, view, ...) before the current statement. */
    public boolean created(String key) {
        return this.created.contains(key);
    }

    /** Records that the file created an object. */
    public void markCreated(String key) {
        this.created.add(key);
    }

    /** Records that the file dropped an object (a later CREATE of the same name makes it new again). */
    public void markDropped(String key) {
        this.created.remove(key);
    }

    /** Whether the file added this column ({@code tableKey.column}) to a table before the current statement. */
    public boolean addedColumn(String tableKey, String column) {
        return this.addedColumns.contains(tableKey + "." + column);
    }

    /** Records that the file added a column to a table. */
    public void markAddedColumn(String tableKey, String column) {
        this.addedColumns.add(tableKey + "." + column);
    }

    /** Whether the current transaction added this constraint ({@code tableKey.name}) NOT VALID. */
    public boolean addedNotValid(String tableKey, String constraint) {
        return this.notValidConstraints.contains(tableKey + "." + constraint);
    }

    /** Records that the current transaction added a constraint NOT VALID. */
    public void markAddedNotValid(String tableKey, String constraint) {
        this.notValidConstraints.add(tableKey + "." + constraint);
    }

    /** Whether an explicit {@code BEGIN} ... {@code COMMIT} block of the file is open. */
    public boolean inTransactionBlock() {
        return this.inTransactionBlock;
    }

    /** Opens or closes an explicit transaction block; closing one ends what the transaction held. */
    public void transactionBlock(boolean open) {
        if (!open) {
            endTransaction();
        }
        this.inTransactionBlock = open;
    }

    /** Ends the current transaction: its locks are released. */
    public void endTransaction() {
        this.exclusiveTables.clear();
        this.notValidConstraints.clear();
        this.exclusiveReported = false;
    }

    /** The pre-existing tables the current transaction holds ACCESS EXCLUSIVE on, in the order it took them. */
    public Set<String> exclusiveTables() {
        return Set.copyOf(this.exclusiveTables);
    }

    /** Records ACCESS EXCLUSIVE on a pre-existing table; returns whether the transaction did not hold it yet. */
    public boolean holdExclusive(String tableKey) {
        return this.exclusiveTables.add(tableKey);
    }

    /** The tables held exclusively, in order, for messages; those of {@code defaultSchema} without their schema. */
    public String exclusiveTablesText(String defaultSchema) {
        return String.join(", ", this.exclusiveTables.stream()
            .map((key) -> key.startsWith(defaultSchema + ".") ? key.substring(defaultSchema.length() + 1) : key).toList());
    }

    /** Whether multiple-exclusive-tables was reported for the current transaction (it is reported once). */
    public boolean exclusiveReported() {
        return this.exclusiveReported;
    }

    /** Records that multiple-exclusive-tables was reported for the current transaction. */
    public void markExclusiveReported() {
        this.exclusiveReported = true;
    }

}
