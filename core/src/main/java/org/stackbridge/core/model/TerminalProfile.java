package org.stackbridge.core.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * A SIP2 terminal profile stored in the database; it overrides the configuration file's profile of the same name.
 * The core keeps the settings as the JSON document the staff API validated (snake_case fields of {@code sip2.profiles});
 * the SIP2 listener reads them.
 *
 * @param name     the profile name accounts refer to
 * @param settings a JSON object
 */
public record TerminalProfile(String name, String settings) implements Serializable {

    public TerminalProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
    }
}
