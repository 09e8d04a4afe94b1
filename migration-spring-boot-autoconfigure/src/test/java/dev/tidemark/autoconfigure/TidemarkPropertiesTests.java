package dev.tidemark.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.ContractMode;
import dev.tidemark.migration.FleetSettings;
import dev.tidemark.migration.LockSafetySettings;
import dev.tidemark.migration.MigrationLockSettings;
import dev.tidemark.migration.SourceSettings;
import dev.tidemark.migration.TableSettings;
import dev.tidemark.migration.TidemarkConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class TidemarkPropertiesTests {

    @Test
    void everyDefaultEqualsTheCoreDefault() {
        TidemarkProperties properties = new TidemarkProperties();
        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getLocations()).isEqualTo(List.of(SourceSettings.DEFAULT_LOCATION));
        assertThat(properties.getEncoding()).isEqualTo(SourceSettings.DEFAULT_ENCODING);
        assertThat(properties.isFailOnMissingLocations()).isEqualTo(SourceSettings.DEFAULT_FAIL_ON_MISSING_LOCATIONS);
        assertThat(properties.getCodeVersion()).isNull();
        assertThat(properties.getSchema()).isNull();
        assertThat(properties.getHistoryTable()).isEqualTo(TableSettings.DEFAULTS.historyTable());
        assertThat(properties.getInstancesTable()).isEqualTo(TableSettings.DEFAULTS.instancesTable());
        assertThat(properties.getLockWaitTimeout()).isEqualTo(MigrationLockSettings.DEFAULTS.waitTimeout());
        assertThat(properties.getLockPollInterval()).isEqualTo(MigrationLockSettings.DEFAULTS.pollInterval());
        assertThat(properties.getLockTimeout()).isEqualTo(LockSafetySettings.DEFAULTS.lockTimeout());
        assertThat(properties.getInitialLockTimeout()).isEqualTo(LockSafetySettings.DEFAULTS.initialLockTimeout());
        assertThat(properties.getConcurrentLockTimeout()).isEqualTo(LockSafetySettings.DEFAULTS.concurrentLockTimeout());
        assertThat(properties.getLockRetries()).isEqualTo(LockSafetySettings.DEFAULTS.retries());
        assertThat(properties.getLockRetryMaxDuration()).isEqualTo(LockSafetySettings.DEFAULTS.retryMaxDuration());
        assertThat(properties.getLockRetryBackoff()).isEqualTo(LockSafetySettings.DEFAULTS.retryBackoff());
        assertThat(properties.getLockRetryMaxBackoff()).isEqualTo(LockSafetySettings.DEFAULTS.retryMaxBackoff());
        assertThat(properties.getLockWatchdogInterval()).isEqualTo(LockSafetySettings.DEFAULTS.watchdogInterval());
        assertThat(properties.isCancelWhenBlocking()).isEqualTo(LockSafetySettings.DEFAULTS.cancelWhenBlocking());
        assertThat(properties.getStatementTimeout()).isEqualTo(LockSafetySettings.DEFAULTS.statementTimeout());
        assertThat(properties.getHeartbeatInterval()).isEqualTo(FleetSettings.DEFAULTS.heartbeatInterval());
        assertThat(properties.getInstanceStaleTimeout()).isEqualTo(FleetSettings.DEFAULTS.instanceStaleTimeout());
        assertThat(properties.getReconcileInterval()).isEqualTo(FleetSettings.DEFAULTS.reconcileInterval());
        assertThat(properties.getContractMode()).isEqualTo(FleetSettings.DEFAULTS.contractMode());
        assertThat(properties.getFleet().getExpected()).isEqualTo(FleetSettings.DEFAULTS.expected());
        assertThat(properties.getFleet().getSettleDelay()).isEqualTo(FleetSettings.DEFAULTS.settleDelay());
        assertThat(properties.getFleet().getEvidenceRetention()).isEqualTo(FleetSettings.DEFAULTS.evidenceRetention());
    }

    @Test
    void everyDefaultAlsoMatchesWhatTheCoreBuilderUsesWhenNothingIsSet(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        TidemarkConfiguration core = TidemarkConfiguration.builder()
            .dataSource(new org.springframework.jdbc.datasource.SimpleDriverDataSource())
            .codeVersion("1.0.0")
            .build();
        TidemarkProperties properties = new TidemarkProperties();
        assertThat(properties.getLocations()).isEqualTo(core.sources().locations());
        assertThat(properties.getEncoding()).isEqualTo(core.sources().encoding());
        assertThat(properties.isFailOnMissingLocations()).isEqualTo(core.sources().failOnMissingLocations());
        assertThat(properties.getLockTimeout()).isEqualTo(core.lockSafety().lockTimeout());
        assertThat(properties.getInitialLockTimeout()).isEqualTo(core.lockSafety().initialLockTimeout());
        assertThat(properties.getConcurrentLockTimeout()).isEqualTo(core.lockSafety().concurrentLockTimeout());
        assertThat(properties.getLockRetries()).isEqualTo(core.lockSafety().retries());
        assertThat(properties.getLockRetryBackoff()).isEqualTo(core.lockSafety().retryBackoff());
        assertThat(properties.getLockRetryMaxBackoff()).isEqualTo(core.lockSafety().retryMaxBackoff());
        assertThat(properties.getLockWatchdogInterval()).isEqualTo(core.lockSafety().watchdogInterval());
        assertThat(properties.isCancelWhenBlocking()).isEqualTo(core.lockSafety().cancelWhenBlocking());
        assertThat(properties.getStatementTimeout()).isEqualTo(core.lockSafety().statementTimeout());
        assertThat(properties.getHeartbeatInterval()).isEqualTo(core.fleet().heartbeatInterval());
        assertThat(properties.getInstanceStaleTimeout()).isEqualTo(core.fleet().instanceStaleTimeout());
        assertThat(properties.getLockWaitTimeout()).isEqualTo(core.migrationLock().waitTimeout());
        assertThat(properties.getLockPollInterval()).isEqualTo(core.migrationLock().pollInterval());
        assertThat(properties.getLockRetryMaxDuration()).isEqualTo(core.lockSafety().retryMaxDuration());
        assertThat(properties.getHistoryTable()).isEqualTo(core.tables().historyTable());
        assertThat(properties.getInstancesTable()).isEqualTo(core.tables().instancesTable());
        assertThat(properties.getReconcileInterval()).isEqualTo(core.fleet().reconcileInterval());
        assertThat(properties.getContractMode()).isEqualTo(core.fleet().contractMode());
        assertThat(properties.getFleet().getExpected()).isEqualTo(core.fleet().expected());
        assertThat(properties.getFleet().getSettleDelay()).isEqualTo(core.fleet().settleDelay());
        assertThat(properties.getFleet().getEvidenceRetention()).isEqualTo(core.fleet().evidenceRetention());
        assertThat(properties.getSchema()).isEqualTo(core.tables().schema());
        assertThat(properties.getPlaceholders()).isEqualTo(core.placeholders().values());
        assertThat(properties.getPlaceholderPrefix()).isEqualTo(core.placeholders().prefix());
        assertThat(properties.getPlaceholderSuffix()).isEqualTo(core.placeholders().suffix());
        assertThat(properties.isPlaceholderReplacement()).isEqualTo(core.placeholders().replacement());
        assertThat(properties.getBaselineRelease()).isEqualTo(core.adoption().baselineRelease().toString());
        assertThat(properties.getFlywayHistoryTable()).isEqualTo(core.adoption().flywayHistoryTable());
        assertThat(properties.getBaselineVersion()).isNull();
        assertThat(core.adoption().baselineVersion()).isNull();
    }

}
