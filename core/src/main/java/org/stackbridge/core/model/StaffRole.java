package org.stackbridge.core.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The staff roles and what each may do: the one place that answers "may this role do that?". Each role
 * adds to the one below it: a technician circulates and handles patrons and fees (waiving included), a
 * librarian adds overrides, item status, cataloguing and ILL, an admin may do everything.
 */
public enum StaffRole {
    TECHNICIAN(EnumSet.of(StaffPermission.CIRCULATION, StaffPermission.PATRONS, StaffPermission.FEES, StaffPermission.REPORTS)),
    LIBRARIAN(EnumSet.of(StaffPermission.CIRCULATION, StaffPermission.PATRONS, StaffPermission.FEES, StaffPermission.REPORTS, StaffPermission.OVERRIDE,
            StaffPermission.ITEM_STATUS, StaffPermission.CATALOGUING, StaffPermission.ILL)),
    ADMIN(EnumSet.allOf(StaffPermission.class));

    private final Set<StaffPermission> permissions;

    StaffRole(EnumSet<StaffPermission> permissions) {
        this.permissions = Collections.unmodifiableSet(permissions);
    }

    public Set<StaffPermission> permissions() {
        return permissions;
    }

    public boolean allows(StaffPermission permission) {
        return permissions.contains(permission);
    }

    /** The role by its name in any case ({@code admin}, {@code LIBRARIAN}); empty for anything else. */
    public static Optional<StaffRole> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (StaffRole r : values()) {
            if (r.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The lower-case name used on the command line and in JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
