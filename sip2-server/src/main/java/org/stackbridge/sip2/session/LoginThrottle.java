package org.stackbridge.sip2.session;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed-login throttling per login, without sleeping. Too many failures for one login from one address lock that
 * login on that address; too many for one login from all addresses together lock the login everywhere. Other logins
 * are never affected (kiosks behind one NAT address share it). A lock lasts the penalty from the failure that started
 * it: failures during a lock are not counted and do not renew it. Bounded: the least recently seen keys are forgotten.
 */
public final class LoginThrottle {

    private final int maxFailures;
    private final int maxFailuresPerLogin;
    private final int windowSeconds;
    private final int penaltySeconds;
    private final Clock clock;
    private final Map<String, Entry> entries;

    private static final class Entry {
        int failures;
        Instant firstFailure;
        Instant lockedUntil;
    }

    /**
     * @param maxFailures         failures of one login from one address within the window that lock it there
     * @param maxFailuresPerLogin failures of one login from any address within the window that lock it everywhere
     * @param windowSeconds       how long failures count
     * @param penaltySeconds      how long a lock lasts
     * @param tracked             login and login+address keys remembered (least recently seen forgotten first)
     */
    public LoginThrottle(int maxFailures, int maxFailuresPerLogin, int windowSeconds, int penaltySeconds, int tracked, Clock clock) {
        this.maxFailures = maxFailures;
        this.maxFailuresPerLogin = maxFailuresPerLogin;
        this.windowSeconds = windowSeconds;
        this.penaltySeconds = penaltySeconds;
        this.clock = clock;
        int cap = tracked;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> e) {
                return size() > cap;
            }
        };
    }

    /** Whether logins as {@code login} from {@code address} are currently refused unchecked. */
    public synchronized boolean blocked(String login, String address) {
        Instant now = clock.instant();
        return locked(loginKey(login), now) || locked(pairKey(login, address), now);
    }

    /** Counts a failed login; true when it started a lock (worth a warning naming the login). */
    public synchronized boolean failed(String login, String address) {
        Instant now = clock.instant();
        boolean pair = count(pairKey(login, address), maxFailures, now);
        boolean all = count(loginKey(login), maxFailuresPerLogin, now);
        return pair || all;
    }

    /** A successful login clears its counts (on this address and overall). */
    public synchronized void succeeded(String login, String address) {
        entries.remove(pairKey(login, address));
        entries.remove(loginKey(login));
    }

    /** Seconds a lock lasts. */
    public int penaltySeconds() {
        return penaltySeconds;
    }

    private boolean locked(String key, Instant now) {
        Entry e = entries.get(key);
        return e != null && e.lockedUntil != null && now.isBefore(e.lockedUntil);
    }

    private boolean count(String key, int max, Instant now) {
        if (max <= 0 || locked(key, now)) {
            return false;
        }
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        if (e.firstFailure == null || !now.isBefore(e.firstFailure.plusSeconds(windowSeconds))) {
            e.failures = 0;
            e.firstFailure = now;
        }
        e.failures++;
        if (e.failures < max) {
            return false;
        }
        e.lockedUntil = now.plusSeconds(penaltySeconds);
        e.failures = 0;
        e.firstFailure = null;
        return true;
    }

    private static String loginKey(String login) {
        return "L\u0000" + login;
    }

    private static String pairKey(String login, String address) {
        return "P\u0000" + login + "\u0000" + address;
    }
}
