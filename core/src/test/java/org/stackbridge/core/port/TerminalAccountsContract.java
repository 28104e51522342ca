package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.TerminalAccount;

public interface TerminalAccountsContract extends StoreFixture {

    @Test
    default void savedAccountIsFoundAndReplacedByLogin() {
        assertTrue(read(tx -> tx.accounts().find("kiosk1")).isEmpty());
        TerminalAccount a = new TerminalAccount("kiosk1", "hash-1", "MAIN", null);
        write(tx -> {
            tx.accounts().save(a);
            return null;
        });
        assertEquals(a, read(tx -> tx.accounts().find("kiosk1")).orElseThrow());
        assertEquals("default", a.profile());
        TerminalAccount changed = new TerminalAccount("kiosk1", "hash-2", "EAST", "selfcheck");
        write(tx -> {
            tx.accounts().save(changed);
            return null;
        });
        assertEquals(changed, read(tx -> tx.accounts().find("kiosk1")).orElseThrow());
        assertEquals(List.of(changed), read(tx -> tx.accounts().all()));
    }

    @Test
    default void allIsOrderedByLogin() {
        write(tx -> {
            tx.accounts().save(new TerminalAccount("zeta", "h", "MAIN", "p"));
            tx.accounts().save(new TerminalAccount("alpha", "h", "MAIN", "p"));
            tx.accounts().save(new TerminalAccount("mid", "h", "EAST", "p"));
            return null;
        });
        assertEquals(List.of("alpha", "mid", "zeta"), read(tx -> tx.accounts().all()).stream().map(TerminalAccount::login).toList());
    }
}
