package dev.tidemark.migration.internal.lint.parse;

import org.jspecify.annotations.Nullable;

/**
 * A possibly schema-qualified object name, with its identifiers as PostgreSQL stores them (unquoted words
 * folded to lower case) and as written, for printing safe alternatives the user can paste.
 *
 * @param schema the schema, or {@code null} when the name is not qualified
 * @param name the object's own name
 * @param written the name as the statement wrote it, e.g. {@code public."Orders"}
 */
public record Name(@Nullable String schema, String name, String written) {

    /** The key under which a schema model keeps the object, with {@code defaultSchema} for an unqualified name. */
    public String key(String defaultSchema) {
        return ((this.schema != null) ? this.schema : defaultSchema) + "." + this.name;
    }

    @Override
    public String toString() {
        return this.written;
    }

}
