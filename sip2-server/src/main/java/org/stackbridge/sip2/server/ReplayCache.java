package org.stackbridge.sip2.server;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Responses recently sent to each login, keyed by request key (login + AY + content hash), so a request
 * retransmitted after a lost response on a new connection gets the stored bytes without acting again. Bounded per
 * login, in logins and in total bytes (least recently used logins go first); entries expire after the window.
 */
public final class ReplayCache {

    private final int perLogin;
    private final long windowSeconds;
    private final int maxLogins;
    private final long maxBytes;
    private final Clock clock;
    private final LinkedHashMap<String, ArrayDeque<Entry>> byLogin = new LinkedHashMap<>(64, 0.75f, true);
    private final LinkedHashMap<String, Previous> previous = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    private record Entry(String key, byte[] response, Instant at) {
    }

    /**
     * The last request a login made (on any connection): its request key (null without AY) and the idempotency key
     * the engine got for it (null when not mutating). Only a repeat of this request is a retransmission.
     */
    public record Previous(String requestKey, String engineKey) {
    }

    /** The login's previous request, or null when unknown (never seen, forgotten, or the server restarted). */
    public synchronized Previous previous(String login) {
        return previous.get(login);
    }

    public synchronized void previous(String login, Previous request) {
        previous.put(login, request);
        if (previous.size() > maxLogins) {
            Iterator<String> eldest = previous.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    public ReplayCache(int perLogin, long windowSeconds, int maxLogins, Clock clock) {
        this(perLogin, windowSeconds, maxLogins, 64L << 20, clock);
    }

    public ReplayCache(int perLogin, long windowSeconds, int maxLogins, long maxBytes, Clock clock) {
        this.perLogin = perLogin;
        this.windowSeconds = windowSeconds;
        this.maxLogins = maxLogins;
        this.maxBytes = maxBytes;
        this.clock = clock;
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
                bytes -= e.response.length;
            } else if (e.key.equals(key)) {
                return e.response;
            }
        }
        return null;
    }

    public synchronized void put(String login, String key, byte[] response) {
        if (windowSeconds <= 0 || perLogin <= 0 || response.length > maxBytes) {
            return;
        }
        ArrayDeque<Entry> q = byLogin.computeIfAbsent(login, l -> new ArrayDeque<>());
        q.addFirst(new Entry(key, response, clock.instant()));
        bytes += response.length;
        while (q.size() > perLogin) {
            bytes -= q.removeLast().response.length;
        }
        Iterator<Map.Entry<String, ArrayDeque<Entry>>> eldest = byLogin.entrySet().iterator();
        while ((byLogin.size() > maxLogins || bytes > maxBytes) && eldest.hasNext()) {
            Map.Entry<String, ArrayDeque<Entry>> e = eldest.next();
            if (e.getKey().equals(login) && byLogin.size() == 1) {
                break;
            }
            for (Entry x : e.getValue()) {
                bytes -= x.response.length;
            }
            eldest.remove();
        }
    }

    /** Bytes currently held. */
    public synchronized long size() {
        return bytes;
    }
}
