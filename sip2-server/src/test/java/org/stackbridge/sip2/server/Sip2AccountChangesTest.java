package org.stackbridge.sip2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which account changes a session logged in at a given change number still has to follow. */
class Sip2AccountChangesTest {

    @Test
    void aSessionFollowsOnlyChangesMadeAfterItsLoginWasChecked() {
        Sip2AccountChanges changes = new Sip2AccountChanges();
        long before = changes.now();
        changes.ended(List.of("kiosk1"));
        long after = changes.now();
        assertInstanceOf(Sip2AccountChanges.Ended.class, changes.after("kiosk1", before), "logged in before the change");
        assertNull(changes.after("kiosk1", after), "logged in after it");
        assertNull(changes.after("kiosk2", before), "another account");
        assertNull(changes.after(null, before), "not logged in");
    }

    @Test
    void theLatestChangeWinsButANewProfileDoesNotUndoAnEndedLogin() {
        Sip2AccountChanges changes = new Sip2AccountChanges();
        long start = changes.now();
        changes.reprofiled("kiosk1", "lobby");
        changes.reprofiled("kiosk1", "night");
        Sip2AccountChanges.Change c = changes.after("kiosk1", start);
        assertEquals("night", assertInstanceOf(Sip2AccountChanges.Reprofiled.class, c).profile());

        changes.ended(List.of("kiosk2"));
        changes.reprofiled("kiosk2", "lobby");
        Sip2AccountChanges.Change ended = changes.after("kiosk2", start);
        assertInstanceOf(Sip2AccountChanges.Ended.class, ended, "a session that missed the end must still log in again");
        assertEquals(changes.now(), ended.number(), "renumbered, so sessions checked in between are ended too");
    }
}
