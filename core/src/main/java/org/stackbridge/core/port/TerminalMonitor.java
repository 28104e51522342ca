package org.stackbridge.core.port;

import java.util.List;
import org.stackbridge.core.outcome.TerminalStatus;

/** The live status of SIP2 terminal logins, kept by the SIP2 listener; read by the staff API and the console. */
public interface TerminalMonitor {
    /** Every login seen since the listener started, ordered by login. Never blocks. */
    List<TerminalStatus> all();
}
