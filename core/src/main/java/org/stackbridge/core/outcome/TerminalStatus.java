package org.stackbridge.core.outcome;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What a SIP2 terminal login is doing now, as the listener sees it.
 *
 * @param addresses     the remote addresses of its open connections (empty when not connected)
 * @param lastMessage   the code of the last message it sent (e.g. {@code 11}), or null
 * @param messagesToday messages received today, in the time zone of its institution
 * @param refusalsToday answers today that refused what it asked (checkout, renewal, login ... not ok)
 * @param offline       the last ACS status (98) it got said on-line N
 */
public record TerminalStatus(String login, boolean connected, List<String> addresses, String lastMessage, Instant lastMessageAt,
                             long messagesToday, long refusalsToday, boolean offline) implements Serializable {

    public TerminalStatus {
        addresses = List.copyOf(addresses);
    }

    /** A terminal the listener has not seen since it started. */
    public static TerminalStatus neverSeen(String login) {
        return new TerminalStatus(login, false, List.of(), null, null, 0, 0, false);
    }
}
