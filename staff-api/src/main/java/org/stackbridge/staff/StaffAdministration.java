package org.stackbridge.staff;

import java.util.Map;
import java.util.Objects;
import org.stackbridge.core.port.TerminalMonitor;
import org.stackbridge.core.security.SecretHasher;

/**
 * What the administration resources need besides the engine: the hasher new passwords are stored with, the SIP2
 * terminal profiles of the configuration, the live terminal monitor and the SIP2 profile catalogue (checking profiles
 * edited through the API, and the names accounts may give).
 *
 * @param sip2Profiles profile name -> its settings as the configuration file gives them
 */
public record StaffAdministration(SecretHasher hasher, Map<String, Map<String, Object>> sip2Profiles, TerminalMonitor terminals,
                                  Sip2ProfileCatalogue profiles) {

    public StaffAdministration {
        Objects.requireNonNull(hasher, "hasher");
        sip2Profiles = Map.copyOf(sip2Profiles);
        Objects.requireNonNull(terminals, "terminals");
        Objects.requireNonNull(profiles, "profiles");
    }

    /** Profiles of the configuration only: none can be edited (an endpoint without a SIP2 listener). */
    public StaffAdministration(SecretHasher hasher, Map<String, Map<String, Object>> sip2Profiles, TerminalMonitor terminals) {
        this(hasher, sip2Profiles, terminals, Sip2ProfileCatalogue.configurationOnly(sip2Profiles));
    }
}
