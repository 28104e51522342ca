package org.stackbridge.core.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * An entry of a code list (a patron category, an item type), or the mark that the configuration file defines a
 * library or SIP2 account.
 *
 * @param description      free text shown to staff; may be null
 * @param fromConfiguration true when the configuration file defines it (it is then changed by editing the file)
 */
public record CodeEntry(CodeKind kind, String code, String description, boolean fromConfiguration) implements Serializable {

    public CodeEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        description = description == null || description.isBlank() ? null : description;
    }
}
