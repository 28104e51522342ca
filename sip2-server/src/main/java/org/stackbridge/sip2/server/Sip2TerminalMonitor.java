package org.stackbridge.sip2.server;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.stackbridge.core.outcome.TerminalStatus;
import org.stackbridge.core.port.TerminalMonitor;

/**
 * What each SIP2 terminal login is doing: its open connections and their addresses, its last message and when, its
 * messages and refusals today (in its library's time zone: the counts start again at midnight there) and whether
 * the last ACS status (98) it got said on-line N. Updated by the connection handlers on their event loops with a
 * few field writes under a per-login lock (no I/O, never blocking); read by the staff API from any thread.
 * Bounded: at most {@code maxLogins} logins are kept; beyond it the least recently active login without a
 * connection is forgotten (a refused login name of a scanner gone wrong cannot fill the memory).
 */
public final class Sip2TerminalMonitor implements TerminalMonitor {

    /** Connections remembered per login; a login with more still counts them, but lists only these addresses. */
    static final int MAX_CONNECTIONS_PER_LOGIN = 64;

    private final Clock clock;
    private final int maxLogins;
    private final Map<String, Entry> byLogin = new ConcurrentHashMap<>();

    public Sip2TerminalMonitor(Clock clock, int maxLogins) {
        this.clock = clock;
        this.maxLogins = maxLogins;
    }

    /** A connection logged in as {@code login} from {@code address}. */
    void connected(String login, long connection, String address) {
        Entry e = entry(login);
        if (e != null) {
            synchronized (e) {
                if (e.connections.size() < MAX_CONNECTIONS_PER_LOGIN) {
                    e.connections.put(connection, address);
                }
            }
        }
    }

    /** The connection closed (or logged in as another login). */
    void disconnected(String login, long connection) {
        Entry e = byLogin.get(login);
        if (e != null) {
            synchronized (e) {
                e.connections.remove(connection);
            }
        }
    }

    /**
     * A message of {@code login} was answered; {@code refused} when the answer said no. {@code online} is the
     * on-line status of an ACS status answer (98), else null.
     */
    void answered(String login, String messageCode, boolean refused, Boolean online, ZoneId zone) {
        Entry e = entry(login);
        if (e == null) {
            return;
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        synchronized (e) {
            if (!today.equals(e.day)) {
                e.day = today;
                e.messages = 0;
                e.refusals = 0;
            }
            e.zone = zone;
            e.messages++;
            if (refused) {
                e.refusals++;
            }
            e.lastMessage = messageCode;
            e.lastAt = now;
            if (online != null) {
                e.offline = !online;
            }
        }
    }

    @Override
    public List<TerminalStatus> all() {
        Instant now = clock.instant();
        List<TerminalStatus> out = new ArrayList<>();
        for (Map.Entry<String, Entry> me : byLogin.entrySet()) {
            Entry e = me.getValue();
            synchronized (e) {
                boolean current = e.day != null && e.zone != null && e.day.equals(now.atZone(e.zone).toLocalDate());
                out.add(new TerminalStatus(me.getKey(), !e.connections.isEmpty(), e.connections.values().stream().distinct().toList(),
                        e.lastMessage, e.lastAt, current ? e.messages : 0, current ? e.refusals : 0, e.offline));
            }
        }
        out.sort(Comparator.comparing(TerminalStatus::login));
        return out;
    }

    /** The entry of a login, made room for when needed; null when every kept login has a connection. */
    private Entry entry(String login) {
        Entry e = byLogin.get(login);
        if (e != null) {
            return e;
        }
        if (byLogin.size() >= maxLogins && !forgetOne()) {
            return null;
        }
        return byLogin.computeIfAbsent(login, k -> new Entry());
    }

    private synchronized boolean forgetOne() {
        String oldest = null;
        Instant oldestAt = null;
        for (Map.Entry<String, Entry> me : byLogin.entrySet()) {
            Entry e = me.getValue();
            synchronized (e) {
                if (e.connections.isEmpty() && (oldest == null || e.lastAt == null
                        || oldestAt != null && e.lastAt.isBefore(oldestAt))) {
                    oldest = me.getKey();
                    oldestAt = e.lastAt;
                }
            }
        }
        return oldest != null && byLogin.remove(oldest) != null;
    }

    private static final class Entry {
        final Map<Long, String> connections = new LinkedHashMap<>();
        String lastMessage;
        Instant lastAt;
        LocalDate day;
        ZoneId zone;
        long messages;
        long refusals;
        boolean offline;
    }
}
