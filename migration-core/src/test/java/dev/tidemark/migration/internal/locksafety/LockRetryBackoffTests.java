package dev.tidemark.migration.internal.locksafety;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LockRetryBackoffTests {

    private long now = 1_000_000L;

    private final List<Duration> slept = new ArrayList<>();

    private LockRetryBackoff backoff(int attempts, Duration maxTotal, double random) {
        return new LockRetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), attempts, maxTotal, () -> this.now,
                () -> random, (pause) -> {
                    this.slept.add(pause);
                    this.now += pause.toNanos();
                });
    }

    @Test
    void theCeilingDoublesFromTheInitialPauseUpToTheMaximum() {
        LockRetryBackoff backoff = backoff(20, Duration.ofMinutes(5), 1.0);
        assertThat(List.of(1, 2, 3, 4, 5, 6, 40)).map(backoff::ceiling).containsExactly(Duration.ofMillis(100),
                Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void jitterKeepsThePauseBetweenHalfAndAllOfTheCeiling() {
        assertThat(backoff(20, Duration.ofMinutes(5), 0.0).next(3)).contains(Duration.ofMillis(200));
        assertThat(backoff(20, Duration.ofMinutes(5), 0.5).next(3)).contains(Duration.ofMillis(300));
        assertThat(backoff(20, Duration.ofMinutes(5), 1.0).next(3)).contains(Duration.ofMillis(400));
    }

    @Test
    void noAttemptFollowsTheLastAllowedOne() {
        LockRetryBackoff backoff = backoff(3, Duration.ofMinutes(5), 0.5);
        assertThat(backoff.next(1)).isPresent();
        assertThat(backoff.next(2)).isPresent();
        assertThat(backoff.next(3)).isEmpty();
    }

    @Test
    void noAttemptStartsAfterTheTotalTimeEvenWithAttemptsLeft() throws InterruptedException {
        LockRetryBackoff backoff = backoff(100, Duration.ofSeconds(2), 1.0);
        int failed = 0;
        while (true) {
            this.now += Duration.ofMillis(50).toNanos(); // each attempt waits 50 ms for its lock
            failed++;
            Optional<Duration> pause = backoff.next(failed);
            if (pause.isEmpty()) {
                break;
            }
            backoff.sleep(pause.get());
        }
        // 100 + 200 + 400 + 800 ms of pauses plus 50 ms per attempt fit in 2 s; the next 1 s pause does not.
        assertThat(this.slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800));
        assertThat(failed).isEqualTo(5);
        assertThat(backoff.elapsed()).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

}
