package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.TerminalProfile;

/** SIP2 terminal profiles stored in the database (those of the configuration file are not here). */
public interface TerminalProfiles {
    /** Every stored profile, by name. */
    List<TerminalProfile> all();

    Optional<TerminalProfile> find(String name);

    /** Insert or replace by name. */
    void save(TerminalProfile profile);

    /** @return whether there was one */
    boolean remove(String name);
}
