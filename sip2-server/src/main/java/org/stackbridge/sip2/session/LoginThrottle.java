package org.stackbridge.sip2.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed-login throttling per remote address, without sleeping: after too many failures an address is in a
 * penalty window during which logins are refused unchecked. Bounded: the least recently seen addresses are forgotten.
 */
public final class LoginThrottle {

    private static final Duration MAX_PENALTY = Duration.ofHours(1);

    private final int maxFailures;
    private final int windowSeconds;
    private final int penaltySeconds;
    private final Clock clock;
    private final Map<String, Entry> entries;

    private static final class Entry {
        int failures;
        Instant firstFailure;
        Instant penaltyUntil;
    }

    /**
     * @param maxFailures      failures within the window that start a penalty
     * @param windowSeconds    how long failures count
     * @param penaltySeconds   the first penalty; it doubles with each further failure, capped at one hour
     * @param trackedAddresses addresses remembered (least recently seen forgotten first)
     */
    public LoginThrottle(int maxFailures, int windowSeconds, int penaltySeconds, int trackedAddresses, Clock clock) {
        this.maxFailures = maxFailures;
        this.windowSeconds = windowSeconds;
        this.penaltySeconds = penaltySeconds;
        this.clock = clock;
        int cap = trackedAddresses;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> e) {
                return size() > cap;
            }
        };
    }

    /** Whether logins from {@code address} are currently refused. */
    public synchronized boolean blocked(String address) {
        Entry e = entries.get(address);
        return e != null && e.penaltyUntil != null && clock.instant().isBefore(e.penaltyUntil);
    }

    public synchronized void failed(String address) {
        Instant now = clock.instant();
        Entry e = entries.computeIfAbsent(address, a -> new Entry());
        if (e.firstFailure == null || now.isAfter(e.firstFailure.plusSeconds(windowSeconds))
                && (e.penaltyUntil == null || now.isAfter(e.penaltyUntil))) {
            e.failures = 0;
            e.firstFailure = now;
        }
        e.failures++;
        int over = e.failures - maxFailures;
        if (over >= 0) {
            Duration penalty = Duration.ofSeconds(penaltySeconds).multipliedBy(1L << Math.min(over, 20));
            e.penaltyUntil = now.plus(penalty.compareTo(MAX_PENALTY) > 0 ? MAX_PENALTY : penalty);
        }
    }

    public synchronized void succeeded(String address) {
        entries.remove(address);
    }
}
