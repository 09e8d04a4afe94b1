package dev.tidemark.migration;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A separate JVM that migrates once and prints how many migrations it applied; used to prove that
 * instances in different processes coordinate through the database alone.
 */
public final class MigrateProcess {

    private MigrateProcess() {
    }

    /**
     * Arguments: JDBC URL, user, password, location.
     */
    public static void main(String[] args) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser(args[1]);
        dataSource.setPassword(args[2]);
        MigrateResult result = new Tidemark(TidemarkConfiguration.builder().dataSource(dataSource).codeVersion("1.0.0")
            .locations(args[3]).lockPollInterval(java.time.Duration.ofMillis(100)).build()).migrate();
        System.out.println("applied=" + result.appliedCount());
    }

}
