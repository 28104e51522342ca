package org.stackbridge.core.command;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.stackbridge.core.model.Channel;

/**
 * Who asks, from where. {@code requestKey} makes a mutating command idempotent within its
 * {@code channel} and {@code actor}: a repeat returns the first outcome. {@code occurredAt} carries the
 * original time of an offline (store-and-forward) transaction; null means now.
 *
 * @param institution the institution the caller acts in (SIP2 AO, NCIP ToAgencyId mapped)
 * @param library     the library (branch) where it happens; defaults to the institution
 */
public record RequestContext(Channel channel, String actor, String terminal, String institution, String library,
                             String requestKey, Instant occurredAt) implements Serializable {

    public RequestContext {
        Objects.requireNonNull(channel, "channel");
        actor = actor == null ? channel.name().toLowerCase(java.util.Locale.ROOT) : actor;
        library = library == null || library.isBlank() ? institution : library;
    }

    public static RequestContext of(Channel channel, String actor, String institution) {
        return new RequestContext(channel, actor, actor, institution, institution, null, null);
    }

    public RequestContext withRequestKey(String key) {
        return new RequestContext(channel, actor, terminal, institution, library, key, occurredAt);
    }

    public RequestContext withOccurredAt(Instant at) {
        return new RequestContext(channel, actor, terminal, institution, library, requestKey, at);
    }

    public RequestContext withLibrary(String lib) {
        return new RequestContext(channel, actor, terminal, institution, lib, requestKey, occurredAt);
    }

    /** Scope of idempotency keys: keys from different callers never collide. */
    public String keyScope() {
        return channel.name() + ":" + actor;
    }

    /**
     * Policy: which commands must commit in the order they were submitted, whatever number of writers the storage
     * runs: those of one caller, i.e. one channel and actor (a SIP2 terminal login, an NCIP agency, a staff login).
     * It is the request-key scope on purpose: a SIP2 retransmission after a reconnect, which is looked up as "this
     * scope's newest request", is thus queued behind the request it repeats, never committed beside it.
     */
    public String orderingKey() {
        return keyScope();
    }
}
