package dev.tidemark.migration.internal.execute;

/**
 * Proves that this instance still holds the migration lock. The executor asks before every statement and
 * before every history write, so that an instance whose lock session died stops at once instead of
 * racing the instance that took the lock over.
 */
@FunctionalInterface
public interface LockGuard {

    /**
     * Checks the lock.
     * @throws dev.tidemark.migration.TidemarkException with {@link dev.tidemark.migration.ErrorCode#LOCK_LOST}
     *         when it is no longer held
     */
    void verify();

}
