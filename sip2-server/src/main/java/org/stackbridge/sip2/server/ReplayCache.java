package org.stackbridge.sip2.server;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Responses recently sent to each login, keyed by request key (AY + content hash), so a request retransmitted
 * after a lost response — also on a new connection — gets the stored bytes without acting again. Bounded per
 * login and in the number of logins; entries expire after the replay window.
 */
public final class ReplayCache {

    private final int perLogin;
    private final long windowSeconds;
    private final Clock clock;
    private final Map<String, ArrayDeque<Entry>> byLogin;

    private record Entry(String key, byte[] response, Instant at) {
    }

    public ReplayCache(int perLogin, long windowSeconds, int maxLogins, Clock clock) {
        this.perLogin = perLogin;
        this.windowSeconds = windowSeconds;
        this.clock = clock;
        this.byLogin = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Entry>> e) {
                return size() > maxLogins;
            }
        };
    }

    public synchronized byte[] find(String login, String key) {
        if (windowSeconds <= 0 || perLogin <= 0) {
            return null;
        }
        ArrayDeque<Entry> q = byLogin.get(login);
        if (q == null) {
            return null;
        }
        Instant cutoff = clock.instant().minusSeconds(windowSeconds);
        for (Iterator<Entry> it = q.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.at.isBefore(cutoff)) {
                it.remove();
            } else if (e.key.equals(key)) {
                return e.response;
            }
        }
        return null;
    }

    public synchronized void put(String login, String key, byte[] response) {
        if (windowSeconds <= 0 || perLogin <= 0) {
            return;
        }
        ArrayDeque<Entry> q = byLogin.computeIfAbsent(login, l -> new ArrayDeque<>());
        q.addFirst(new Entry(key, response, clock.instant()));
        while (q.size() > perLogin) {
            q.removeLast();
        }
    }
}
