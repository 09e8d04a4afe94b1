package dev.tidemark.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.ContractMode;
import dev.tidemark.migration.TidemarkConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class TidemarkPropertiesTests {

    @Test
    void everyDefaultEqualsTheCoreDefault() {
        TidemarkProperties properties = new TidemarkProperties();
        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getLocations()).isEqualTo(List.of(TidemarkConfiguration.DEFAULT_LOCATION));
        assertThat(properties.getEncoding()).isEqualTo(TidemarkConfiguration.DEFAULT_ENCODING);
        assertThat(properties.isFailOnMissingLocations()).isEqualTo(TidemarkConfiguration.DEFAULT_FAIL_ON_MISSING_LOCATIONS);
        assertThat(properties.getCodeVersion()).isNull();
        assertThat(properties.getSchema()).isNull();
        assertThat(properties.getHistoryTable()).isEqualTo(TidemarkConfiguration.DEFAULT_HISTORY_TABLE);
        assertThat(properties.getInstancesTable()).isEqualTo(TidemarkConfiguration.DEFAULT_INSTANCES_TABLE);
        assertThat(properties.getLockWaitTimeout()).isEqualTo(TidemarkConfiguration.DEFAULT_LOCK_WAIT_TIMEOUT);
        assertThat(properties.getLockPollInterval()).isEqualTo(TidemarkConfiguration.DEFAULT_LOCK_POLL_INTERVAL);
        assertThat(properties.getLockTimeout()).isEqualTo(TidemarkConfiguration.DEFAULT_LOCK_TIMEOUT);
        assertThat(properties.getLockRetries()).isEqualTo(TidemarkConfiguration.DEFAULT_LOCK_RETRIES);
        assertThat(properties.getLockRetryMaxDuration()).isEqualTo(TidemarkConfiguration.DEFAULT_LOCK_RETRY_MAX_DURATION);
        assertThat(properties.getLockRetryBackoff()).isEqualTo(TidemarkConfiguration.DEFAULT_LOCK_RETRY_BACKOFF);
        assertThat(properties.getLockRetryMaxBackoff()).isEqualTo(TidemarkConfiguration.DEFAULT_LOCK_RETRY_MAX_BACKOFF);
        assertThat(properties.getLockWatchdogInterval()).isEqualTo(TidemarkConfiguration.DEFAULT_LOCK_WATCHDOG_INTERVAL);
        assertThat(properties.isCancelWhenBlocking()).isEqualTo(TidemarkConfiguration.DEFAULT_CANCEL_WHEN_BLOCKING);
        assertThat(properties.getStatementTimeout()).isEqualTo(TidemarkConfiguration.DEFAULT_STATEMENT_TIMEOUT);
        assertThat(properties.getHeartbeatInterval()).isEqualTo(TidemarkConfiguration.DEFAULT_HEARTBEAT_INTERVAL);
        assertThat(properties.getInstanceStaleTimeout()).isEqualTo(TidemarkConfiguration.DEFAULT_INSTANCE_STALE_TIMEOUT);
        assertThat(properties.getReconcileInterval()).isEqualTo(TidemarkConfiguration.DEFAULT_RECONCILE_INTERVAL);
        assertThat(properties.getContractMode()).isEqualTo(ContractMode.AUTOMATIC);
    }

    @Test
    void everyDefaultAlsoMatchesWhatTheCoreBuilderUsesWhenNothingIsSet(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        TidemarkConfiguration core = TidemarkConfiguration.builder()
            .dataSource(new org.springframework.jdbc.datasource.SimpleDriverDataSource())
            .codeVersion("1.0.0")
            .build();
        TidemarkProperties properties = new TidemarkProperties();
        assertThat(properties.getLocations()).isEqualTo(core.locations());
        assertThat(properties.getEncoding()).isEqualTo(core.encoding());
        assertThat(properties.isFailOnMissingLocations()).isEqualTo(core.failOnMissingLocations());
        assertThat(properties.getLockTimeout()).isEqualTo(core.lockTimeout());
        assertThat(properties.getLockRetries()).isEqualTo(core.lockRetries());
        assertThat(properties.getLockRetryBackoff()).isEqualTo(core.lockRetryBackoff());
        assertThat(properties.getLockRetryMaxBackoff()).isEqualTo(core.lockRetryMaxBackoff());
        assertThat(properties.getLockWatchdogInterval()).isEqualTo(core.lockWatchdogInterval());
        assertThat(properties.isCancelWhenBlocking()).isEqualTo(core.cancelWhenBlocking());
        assertThat(properties.getStatementTimeout()).isEqualTo(core.statementTimeout());
        assertThat(properties.getHeartbeatInterval()).isEqualTo(core.heartbeatInterval());
        assertThat(properties.getInstanceStaleTimeout()).isEqualTo(core.instanceStaleTimeout());
        assertThat(properties.getLockWaitTimeout()).isEqualTo(core.lockWaitTimeout());
        assertThat(properties.getLockPollInterval()).isEqualTo(core.lockPollInterval());
        assertThat(properties.getLockRetryMaxDuration()).isEqualTo(core.lockRetryMaxDuration());
        assertThat(properties.getHistoryTable()).isEqualTo(core.historyTable());
        assertThat(properties.getInstancesTable()).isEqualTo(core.instancesTable());
        assertThat(properties.getReconcileInterval()).isEqualTo(core.reconcileInterval());
        assertThat(properties.getContractMode()).isEqualTo(core.contractMode());
        assertThat(properties.getSchema()).isEqualTo(core.schema());
    }

}
