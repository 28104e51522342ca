package org.stackbridge.core.security;

import java.time.Duration;
import java.util.Objects;

/**
 * How patron PINs are checked after the first slow hash.
 *
 * @param cacheLifetime how long a successful check is remembered (skipping PBKDF2 for the same PIN); zero = no cache
 * @param cacheCapacity at most this many remembered checks (least recently used dropped first)
 * @param maxFailures   this many failed checks in a row lock the patron's PIN; zero = never lock
 * @param lockTime      how long a lock lasts; failures older than this are forgotten
 */
public record PinSettings(Duration cacheLifetime, int cacheCapacity, int maxFailures, Duration lockTime) {

    public static final PinSettings DEFAULTS = new PinSettings(Duration.ofMinutes(10), 100_000, 5, Duration.ofMinutes(15));

    public PinSettings {
        Objects.requireNonNull(cacheLifetime, "cacheLifetime");
        Objects.requireNonNull(lockTime, "lockTime");
        if (cacheLifetime.isNegative() || lockTime.isNegative()) {
            throw new IllegalArgumentException("PIN cache lifetime and lock time must not be negative");
        }
        if (cacheCapacity < 1 || maxFailures < 0) {
            throw new IllegalArgumentException("PIN cache capacity must be positive and max failures not negative");
        }
    }

    /** Defaults with the three configurable values replaced (minutes; zero turns the cache or the lock off). */
    public static PinSettings ofMinutes(int cacheMinutes, int maxFailures, int lockMinutes) {
        return new PinSettings(Duration.ofMinutes(cacheMinutes), DEFAULTS.cacheCapacity(), maxFailures, Duration.ofMinutes(lockMinutes));
    }

    /** As {@link #ofMinutes(int, int, int)} with the cache's capacity too. */
    public static PinSettings ofMinutes(int cacheMinutes, int cacheCapacity, int maxFailures, int lockMinutes) {
        return new PinSettings(Duration.ofMinutes(cacheMinutes), cacheCapacity, maxFailures, Duration.ofMinutes(lockMinutes));
    }

    boolean cacheOn() {
        return !cacheLifetime.isZero();
    }

    boolean lockOn() {
        return maxFailures > 0 && !lockTime.isZero();
    }
}
