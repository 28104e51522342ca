package org.stackbridge.core.model;

import java.util.Locale;
import java.util.Optional;

/** What circulation figures are broken down by ({@code by=}). */
public enum Dimension {
    /** The library where the transaction happened. */
    LIBRARY,
    /** The patron's category. */
    CATEGORY,
    /** The item's type. */
    ITEM_TYPE,
    /** Where the request came from: a SIP2 kiosk, the desk (staff API or console), an NCIP partner. */
    CHANNEL,
    /** No breakdown: one total per period. */
    NONE;

    public static Optional<Dimension> parse(String s) {
        if (s == null || s.isBlank()) {
            return Optional.of(NONE);
        }
        String k = s.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Dimension d : values()) {
            if (d.name().equals(k)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
