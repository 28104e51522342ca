package org.stackbridge.sip2.server;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.sip2.message.Sip2Message;

/**
 * The per-terminal SIP2 trace an administrator switches on and off while the gateway runs (staff API
 * {@code PUT /api/v1/traces/sip2/{login}}, {@code bin/stackbridge trace}): every request of a traced login and its
 * answer are logged at INFO on the logger {@code stackbridge.trace.sip2}, with passwords and PINs (AC, AD, CO) masked.
 * Logins are matched case-insensitively. A connection that has not logged in yet is never traced.
 */
public final class Sip2Trace {

    /** The logger every trace line goes to; route or silence it in logback.xml. */
    public static final String LOGGER = "stackbridge.trace.sip2";
    private static final Logger TRACE = LoggerFactory.getLogger(LOGGER);
    /** Bounds the set: a typo loop in a script cannot grow it without limit. */
    private static final int MAX_TRACED = 1_000;

    private final Set<String> traced = ConcurrentHashMap.newKeySet();

    /** Switches the trace of {@code login} on or off; returns whether it was on before. */
    public boolean set(String login, boolean on) {
        String key = login.toLowerCase(Locale.ROOT);
        if (on) {
            if (!traced.contains(key) && traced.size() >= MAX_TRACED) {
                throw new IllegalStateException("at most " + MAX_TRACED + " terminals can be traced at once");
            }
            return !traced.add(key);
        }
        return traced.remove(key);
    }

    /** The traced logins, sorted. */
    public Set<String> traced() {
        return new TreeSet<>(traced);
    }

    boolean on(String login) {
        return login != null && !traced.isEmpty() && traced.contains(login.toLowerCase(Locale.ROOT));
    }

    /** One exchange of a traced terminal: its request and the answer it gets, secrets masked. */
    void exchange(String login, String remote, Sip2Message request, Sip2Message answer) {
        if (on(login)) {
            TRACE.info("{} from {}: {} -> {}", login, remote, request, answer);
        }
    }
}
