package dev.tidemark.autoconfigure;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;

import dev.tidemark.migration.Tidemark;

/**
 * Reports a {@link DataSource} that a {@link Tidemark} bean migrates as managed, so Hibernate's default
 * {@code ddl-auto} becomes {@code none} instead of creating tables Tidemark owns.
 */
class TidemarkSchemaManagementProvider implements SchemaManagementProvider {

    private final ObjectProvider<Tidemark> tidemarks;

    TidemarkSchemaManagementProvider(ObjectProvider<Tidemark> tidemarks) {
        this.tidemarks = tidemarks;
    }

    @Override
    public SchemaManagement getSchemaManagement(DataSource dataSource) {
        return this.tidemarks.stream()
            .map((tidemark) -> tidemark.configuration().dataSource())
            .anyMatch(dataSource::equals) ? SchemaManagement.MANAGED : SchemaManagement.UNMANAGED;
    }

}
