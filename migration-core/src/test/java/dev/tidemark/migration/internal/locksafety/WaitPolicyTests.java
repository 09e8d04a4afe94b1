package dev.tidemark.migration.internal.locksafety;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.tidemark.migration.LockLevel;
import dev.tidemark.migration.LockSafetySettings;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationState;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;

import static org.assertj.core.api.Assertions.assertThat;

class WaitPolicyTests {

    private static final Duration ADAPTIVE = Duration.ofMillis(80);

    private final LockSafetySettings settings = LockSafetySettings.DEFAULTS;

    @Test
    void levelsThatBlockApplicationReadsOrWritesWaitTheAdaptiveTimeoutAndHoldUnderTheStatementTimeout() {
        WaitPolicy policy = policy(null, null);
        for (LockLevel level : new LockLevel[] { LockLevel.SHARE, LockLevel.SHARE_ROW_EXCLUSIVE, LockLevel.EXCLUSIVE,
                LockLevel.ACCESS_EXCLUSIVE, LockLevel.OTHER }) {
            assertThat(policy.lockTimeout(level, ADAPTIVE)).as(level.name()).isEqualTo(ADAPTIVE);
            assertThat(policy.statementTimeout(level)).as(level.name()).isEqualTo(this.settings.statementTimeout());
        }
    }

    @Test
    void levelsUpToShareUpdateExclusiveWaitTheLongConcurrentTimeoutWithoutAStatementTimeout() {
        WaitPolicy policy = policy(null, null);
        for (LockLevel level : new LockLevel[] { LockLevel.NONE, LockLevel.ACCESS_SHARE, LockLevel.ROW_EXCLUSIVE,
                LockLevel.SHARE_UPDATE_EXCLUSIVE }) {
            assertThat(policy.lockTimeout(level, ADAPTIVE)).as(level.name())
                .isEqualTo(this.settings.concurrentLockTimeout());
            assertThat(policy.statementTimeout(level)).as(level.name()).isZero();
        }
    }

    @Test
    void aUnitsOwnTimeoutsReplaceThePolicyOfEveryLevel() {
        WaitPolicy policy = policy(Duration.ofSeconds(5), Duration.ZERO);
        assertThat(policy.lockTimeout(LockLevel.ACCESS_EXCLUSIVE, ADAPTIVE)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.lockTimeout(LockLevel.SHARE_UPDATE_EXCLUSIVE, ADAPTIVE)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.statementTimeout(LockLevel.ACCESS_EXCLUSIVE)).isZero();
    }

    @Test
    void aTransactionWaitsUnderTheStrongestLockItHolds() {
        assertThat(WaitPolicy.stronger(LockLevel.ACCESS_EXCLUSIVE, LockLevel.SHARE_UPDATE_EXCLUSIVE))
            .isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(WaitPolicy.stronger(LockLevel.NONE, LockLevel.SHARE_UPDATE_EXCLUSIVE))
            .isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(WaitPolicy.stronger(LockLevel.OTHER, LockLevel.ACCESS_EXCLUSIVE)).isEqualTo(LockLevel.OTHER);
    }

    private WaitPolicy policy(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout) {
        return new WaitPolicy(this.settings, new Unit("V1 expand \"test\"", "V1__expand__test.sql",
                new MigrationInfo(Version.parse("1"), "test", Phase.EXPAND, Version.parse("1.0.0"), "V1__expand__test.sql",
                        null, MigrationState.PENDING, null, null, null, null, null, null, null, null),
                true, lockTimeout, statementTimeout));
    }

}
