package org.stackbridge.staff.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins counted per login name (not per address, so spreading guesses over addresses does not help):
 * after {@code maxFailures} failures in a row the login is locked for {@code lock}; a success clears the count.
 * The map is bounded: beyond {@code maxEntries} the oldest entry is dropped.
 */
public final class StaffLoginThrottle {

    private final Clock clock;
    private final int maxFailures;
    private final Duration lock;
    private final int maxEntries;
    private final Map<String, Failures> byLogin = new LinkedHashMap<>();

    public StaffLoginThrottle(Clock clock, int maxFailures, Duration lock, int maxEntries) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lock = lock;
        this.maxEntries = maxEntries;
    }

    /** When the login is locked, until when. */
    public synchronized Optional<Instant> lockedUntil(String login) {
        Failures f = byLogin.get(login);
        if (f == null || f.lockedUntil == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(f.lockedUntil)) {
            byLogin.remove(login);
            return Optional.empty();
        }
        return Optional.of(f.lockedUntil);
    }

    /** Counts a failure; true when it locked the login. */
    public synchronized boolean failed(String login) {
        Failures f = byLogin.remove(login);
        if (f == null) {
            f = new Failures();
            while (byLogin.size() >= maxEntries) {
                Iterator<String> oldest = byLogin.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        byLogin.put(login, f);
        f.count++;
        if (f.count >= maxFailures) {
            f.lockedUntil = clock.instant().plus(lock);
            f.count = 0;
            return true;
        }
        return false;
    }

    public synchronized void succeeded(String login) {
        byLogin.remove(login);
    }

    private static final class Failures {
        int count;
        Instant lockedUntil;
    }
}
