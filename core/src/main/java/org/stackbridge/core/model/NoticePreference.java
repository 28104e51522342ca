package org.stackbridge.core.model;

import java.util.Locale;
import java.util.Optional;

/** How a patron wants notices (overdue, hold ready): by e-mail, on paper, or not at all. */
public enum NoticePreference {
    EMAIL, PRINT, NONE;

    /** The default for a patron: by e-mail when there is an address, else on paper. */
    public static NoticePreference defaultFor(String email) {
        return email == null || email.isBlank() ? PRINT : EMAIL;
    }

    /** The value by its name in any case ({@code email}); empty for anything else. */
    public static Optional<NoticePreference> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (NoticePreference n : values()) {
            if (n.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
