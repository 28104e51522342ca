package org.stackbridge.core.port;

import java.util.List;
import org.stackbridge.core.outcome.TerminalStatus;

/** The live status of SIP2 terminal logins, kept by the SIP2 listener; read by the staff API and the console. */
public interface TerminalMonitor {
    /** Every login seen since the listener started, ordered by login. Never blocks. */
    List<TerminalStatus> all();

    /** The logins whose SIP2 exchanges are traced on this node now (see the listener's trace), sorted. */
    default java.util.Set<String> traced() {
        return java.util.Set.of();
    }

    /**
     * Switches the trace of one terminal login on or off on this node; returns whether it was on before.
     *
     * @throws IllegalStateException when no SIP2 listener runs here, or too many logins are traced already
     */
    default boolean trace(String login, boolean on) {
        throw new IllegalStateException("no SIP2 listener runs here");
    }
}
