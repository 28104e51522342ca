package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;

public interface StaffAccountsContract extends StoreFixture {

    @Test
    default void savedStaffAccountIsFoundAndReplacedByLogin() {
        assertTrue(read(tx -> tx.staff().find("grace")).isEmpty());
        StaffAccount a = new StaffAccount("grace", "hash-1", StaffRole.LIBRARIAN, "MAIN", true);
        write(tx -> {
            tx.staff().save(a);
            return null;
        });
        assertEquals(a, read(tx -> tx.staff().find("grace")).orElseThrow());
        StaffAccount changed = new StaffAccount("grace", "hash-2", StaffRole.ADMIN, null, false);
        write(tx -> {
            tx.staff().save(changed);
            return null;
        });
        StaffAccount found = read(tx -> tx.staff().find("grace")).orElseThrow();
        assertEquals(changed, found);
        assertNull(found.library());
        assertFalse(found.enabled());
        assertEquals(List.of(changed), read(tx -> tx.staff().all()));
    }

    @Test
    default void allStaffAccountsAreOrderedByLogin() {
        write(tx -> {
            tx.staff().save(new StaffAccount("zeta", "h", StaffRole.TECHNICIAN, "EAST", true));
            tx.staff().save(new StaffAccount("alpha", "h", StaffRole.ADMIN, null, true));
            tx.staff().save(new StaffAccount("mid", "h", StaffRole.LIBRARIAN, "MAIN", true));
            return null;
        });
        assertEquals(List.of("alpha", "mid", "zeta"), read(tx -> tx.staff().all()).stream().map(StaffAccount::login).toList());
        assertEquals(List.of(StaffRole.ADMIN, StaffRole.LIBRARIAN, StaffRole.TECHNICIAN),
                read(tx -> tx.staff().all()).stream().map(StaffAccount::role).toList());
    }

    @Test
    default void aFailedUnitOfWorkSavesNoStaffAccount() {
        Throwable t = writeFailure(tx -> {
            tx.staff().save(new StaffAccount("ghost", "h", StaffRole.ADMIN, null, true));
            throw new IllegalStateException("boom");
        });
        assertEquals("boom", t.getMessage());
        assertTrue(read(tx -> tx.staff().find("ghost")).isEmpty());
    }
}
