package org.stackbridge.sip2.server;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Terminal accounts changed while their terminals may be logged in (a configuration reload removed or disabled an
 * account, moved it to another institution or gave it another profile). A connection learns of it at its next
 * message, on its own event loop: a login whose account {@link #ended} is logged out there (that message and the
 * following ones get the "not logged in" refusal, and a new 93 is checked against the accounts as they are now); a
 * login {@link #reprofiled} follows its new profile from that message. The connection stays open either way.
 * <p>
 * Each change carries a number from one counter; a session remembers the number current when its login was checked
 * ({@link #now()} before the check), so a change made while a 93 was being checked still reaches that session. At most
 * one change per login is kept (the latest), so memory is bounded by the number of accounts.
 */
public final class Sip2AccountChanges {

    /** A change to one login's account, numbered. */
    public sealed interface Change {
        long number();
    }

    /** The account was removed or disabled (or now belongs to another institution): the terminal must log in again. */
    public record Ended(long number) implements Change {
    }

    /** The account now names another terminal profile. */
    public record Reprofiled(long number, String profile) implements Change {
    }

    private final AtomicLong counter = new AtomicLong();
    private final Map<String, Change> latest = new ConcurrentHashMap<>();

    /** The number of the latest change; a login checked after this call sees every change made before it. */
    public long now() {
        return counter.get();
    }

    /** Ends the logins of these accounts on every connection, at each one's next message. */
    public void ended(Collection<String> logins) {
        for (String login : logins) {
            latest.put(login, new Ended(counter.incrementAndGet()));
        }
    }

    /** Connections logged in as {@code login} use the profile {@code profile} from their next message. */
    public void reprofiled(String login, String profile) {
        latest.merge(login, new Reprofiled(counter.incrementAndGet(), profile),
                (old, now) -> old instanceof Ended ended && now instanceof Reprofiled r ? new Ended(r.number()) : now);
    }

    /** The latest change to {@code login} made after change number {@code since}, or null. */
    Change after(String login, long since) {
        Change c = login == null ? null : latest.get(login);
        return c != null && c.number() > since ? c : null;
    }
}
