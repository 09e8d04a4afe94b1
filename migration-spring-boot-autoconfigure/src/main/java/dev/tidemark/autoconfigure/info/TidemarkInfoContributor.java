package dev.tidemark.autoconfigure.info;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationState;
import dev.tidemark.migration.Tidemark;

/**
 * {@link InfoContributor} that adds {@code tidemark} to {@code /actuator/info}: the code version this
 * instance runs, the schema version (the highest applied migration) and its release, and how many
 * migrations are applied, pending, deferred and failed. Reads the history on each call, without the
 * migration lock. Thread-safe.
 */
public class TidemarkInfoContributor implements InfoContributor {

    private final Tidemark tidemark;

    /**
     * Creates the contributor.
     * @param tidemark the facade whose migrations are described
     */
    public TidemarkInfoContributor(Tidemark tidemark) {
        this.tidemark = tidemark;
    }

    @Override
    public void contribute(Info.Builder builder) {
        List<MigrationInfo> migrations = this.tidemark.info();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("codeVersion", this.tidemark.configuration().codeVersion().toString());
        migrations.stream()
            .filter((info) -> info.state() == MigrationState.APPLIED)
            .max(Comparator.comparing(MigrationInfo::version))
            .ifPresent((latest) -> {
                details.put("schemaVersion", latest.version().toString());
                details.put("schemaRelease", latest.release().toString());
            });
        for (MigrationState state : List.of(MigrationState.APPLIED, MigrationState.PENDING, MigrationState.DEFERRED,
                MigrationState.FAILED)) {
            details.put(state.name().toLowerCase(Locale.ROOT),
                    migrations.stream().filter((info) -> info.state() == state).count());
        }
        builder.withDetail("tidemark", details);
    }

}
