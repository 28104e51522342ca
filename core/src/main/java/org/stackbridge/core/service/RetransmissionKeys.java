package org.stackbridge.core.service;

import java.util.Optional;
import java.util.UUID;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.port.RequestKeys;

/**
 * Policy: which stored request a SIP2 retransmission after a reconnect repeats. A kiosk whose answer was lost with its
 * connection logs in again, possibly on another gateway node, and sends the same bytes; the listener cannot know what
 * the terminal's previous request was there, so it asks with a key ending in {@link #IF_NEWEST}: "the terminal's
 * newest stored request if it had these bytes, else a new request". The answer comes from the shared request keys
 * in the same transaction that acts, so two nodes agree and nothing acts twice.
 */
final class RetransmissionKeys {

    /** Suffix of a request key that asks for the scope's newest request with the same bytes. */
    static final String IF_NEWEST = "#?";

    private RetransmissionKeys() {
    }

    /** The key to find and store the command's outcome under. */
    static String resolve(RequestContext context, String key, RequestKeys keys) {
        if (context.channel() != Channel.SIP2 || !key.endsWith(IF_NEWEST)) {
            return key; // other channels' keys are the client's own text and mean exactly that
        }
        String base = key.substring(0, key.length() - IF_NEWEST.length());
        Optional<String> newest = keys.newestIfSame(context.keyScope(), base);
        return newest.orElseGet(() -> base + "#" + UUID.randomUUID());
    }
}
