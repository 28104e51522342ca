package org.stackbridge.staff;

import java.util.Map;
import java.util.Objects;
import org.stackbridge.core.port.TerminalMonitor;
import org.stackbridge.core.security.SecretHasher;

/**
 * What the administration resources need besides the engine: the hasher new passwords are stored with, the SIP2
 * terminal profiles of the configuration (read-only: editing them needs a restart) and the live terminal monitor.
 *
 * @param sip2Profiles profile name -> its settings as the configuration file gives them
 */
public record StaffAdministration(SecretHasher hasher, Map<String, Map<String, Object>> sip2Profiles, TerminalMonitor terminals) {

    public StaffAdministration {
        Objects.requireNonNull(hasher, "hasher");
        sip2Profiles = Map.copyOf(sip2Profiles);
        Objects.requireNonNull(terminals, "terminals");
    }
}
