package dev.tidemark.autoconfigure;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.util.ClassUtils;

/**
 * Warns at startup when the DataSource Tidemark migrates with is a pool too small for a migration run,
 * which holds three connections at once: one for the statements, one idle for the migration lock, one
 * for the lock watchdog. With two, the watchdog never gets its connection and statements are protected
 * by {@code lock_timeout} alone; with one, the run waits for the pool's connection timeout and fails.
 */
final class ConnectionPoolCheck {

    static final int CONNECTIONS_PER_RUN = 3;

    private static final Logger logger = LoggerFactory.getLogger(ConnectionPoolCheck.class);

    private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
            ConnectionPoolCheck.class.getClassLoader());

    private ConnectionPoolCheck() {
    }

    static void warnIfTooSmall(DataSource dataSource) {
        if (!HIKARI_PRESENT) {
            return;
        }
        HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class, HikariDataSource.class);
        if (hikari != null && hikari.getMaximumPoolSize() < CONNECTIONS_PER_RUN) {
            logger.warn("Tidemark migrates through the HikariCP pool '{}', which allows at most {} connection(s), but a "
                    + "migration run uses {} at once (statements, migration lock, lock watchdog). Raise "
                    + "spring.datasource.hikari.maximum-pool-size to at least {}, or give Tidemark a connection of its own "
                    + "(a @TidemarkDataSource bean)", hikari.getPoolName(), hikari.getMaximumPoolSize(), CONNECTIONS_PER_RUN,
                    CONNECTIONS_PER_RUN);
        }
    }

}
