package org.stackbridge.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaffRoleTest {

    @Test
    void technicianCirculatesAndHandlesPatronsAndFeesOnly() {
        assertEquals(EnumSet.of(StaffPermission.CIRCULATION, StaffPermission.PATRONS, StaffPermission.FEES, StaffPermission.REPORTS),
                StaffRole.TECHNICIAN.permissions());
        assertFalse(StaffRole.TECHNICIAN.allows(StaffPermission.OVERRIDE));
    }

    @Test
    void librarianAddsOverridesItemStatusCataloguingAndIll() {
        EnumSet<StaffPermission> expected = EnumSet.copyOf(StaffRole.TECHNICIAN.permissions());
        expected.addAll(EnumSet.of(StaffPermission.OVERRIDE, StaffPermission.ITEM_STATUS, StaffPermission.CATALOGUING, StaffPermission.ILL));
        assertEquals(expected, StaffRole.LIBRARIAN.permissions());
        assertFalse(StaffRole.LIBRARIAN.allows(StaffPermission.ACCOUNTS));
    }

    @Test
    void adminMayDoEverythingAndEachRoleIncludesTheOneBelow() {
        assertEquals(EnumSet.allOf(StaffPermission.class), StaffRole.ADMIN.permissions());
        assertTrue(StaffRole.LIBRARIAN.permissions().containsAll(StaffRole.TECHNICIAN.permissions()));
        assertTrue(StaffRole.ADMIN.permissions().containsAll(StaffRole.LIBRARIAN.permissions()));
    }

    @Test
    void rolesParseInAnyCaseAndRejectUnknownNames() {
        assertEquals(Optional.of(StaffRole.ADMIN), StaffRole.parse("admin"));
        assertEquals(Optional.of(StaffRole.LIBRARIAN), StaffRole.parse(" Librarian "));
        assertEquals(Optional.empty(), StaffRole.parse("janitor"));
        assertEquals(Optional.empty(), StaffRole.parse(null));
        assertEquals("technician", StaffRole.TECHNICIAN.label());
    }
}
