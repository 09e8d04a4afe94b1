package dev.tidemark.migration.internal.locksafety;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveLockTimeoutTests {

    private final AdaptiveLockTimeout timeout = new AdaptiveLockTimeout(Duration.ofMillis(50), Duration.ofMillis(300));

    @Test
    void theFirstAttemptWaitsTheInitialTimeout() {
        assertThat(this.timeout.current()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void aQuietWaitDoublesTheNextTimeoutUpToTheMaximum() {
        this.timeout.afterConflict(true);
        assertThat(this.timeout.current()).isEqualTo(Duration.ofMillis(100));
        this.timeout.afterConflict(true);
        this.timeout.afterConflict(true);
        assertThat(this.timeout.current()).isEqualTo(Duration.ofMillis(300));
        this.timeout.afterConflict(true);
        assertThat(this.timeout.current()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aWaitThatSessionsQueuedBehindOrThatNobodySawStartsOverShort() {
        this.timeout.afterConflict(true);
        this.timeout.afterConflict(true);
        this.timeout.afterConflict(false);
        assertThat(this.timeout.current()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void aStatementThatGotItsLocksLetsTheNextOneStartShort() {
        this.timeout.afterConflict(true);
        this.timeout.reset();
        assertThat(this.timeout.current()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void anInitialTimeoutLongerThanTheMaximumIsCappedAtTheMaximum() {
        AdaptiveLockTimeout capped = new AdaptiveLockTimeout(Duration.ofMillis(50), Duration.ofMillis(20));
        assertThat(capped.current()).isEqualTo(Duration.ofMillis(20));
        capped.afterConflict(true);
        assertThat(capped.current()).isEqualTo(Duration.ofMillis(20));
    }

}
