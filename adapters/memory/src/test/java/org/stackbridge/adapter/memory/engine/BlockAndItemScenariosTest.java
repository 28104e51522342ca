package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;

class BlockAndItemScenariosTest {

    private World world;

    @BeforeEach
    void setUp() {
        world = new World();
        world.patron("P1");
        world.patron("P2");
        world.item("I1", world.bib("b1"));
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private Commands.UpdateItem status(String item, ItemStatus status) {
        return new Commands.UpdateItem(world.ctx(), item, status, null, null);
    }

    @Test
    void blockingAPatronDeniesChargesRenewalsHoldsAndRecalls() {
        Views.PatronInfo info = world.ok(new Commands.BlockPatron(world.ctx(), "P1", "Returned card", false));
        assertEquals(EnumSet.of(PatronFlag.CHARGE_PRIVILEGES_DENIED, PatronFlag.RENEWAL_PRIVILEGES_DENIED,
                PatronFlag.RECALL_PRIVILEGES_DENIED, PatronFlag.HOLD_PRIVILEGES_DENIED), info.flags());
        assertFalse(info.canBorrow());
        assertEquals(1, info.blocks().size());
        assertEquals("Returned card", info.blocks().get(0).reason());
        assertEquals("SIP2", info.blocks().get(0).source());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.PATRON_BLOCKED));
    }

    @Test
    void blockingWithTheCardRetainedAlsoMarksTheCardLost() {
        Views.PatronInfo info = world.ok(new Commands.BlockPatron(world.ctx(), "P1", null, true));
        assertTrue(info.flags().contains(PatronFlag.CARD_REPORTED_LOST));
        assertTrue(info.blocks().get(0).reason().contains("kiosk"), "a default reason names who blocked");
        world.refusedWithoutChange(world.checkout("P1", "I1"), RefusalReason.CARD_LOST);
    }

    @Test
    void unblockingLiftsManualBlocksButNotALostCard() {
        world.ok(new Commands.BlockPatron(world.ctx(), "P1", "one", false));
        world.ok(new Commands.BlockPatron(world.ctx(), "P1", "two", false));
        world.ok(new Commands.BlockPatron(world.ctx(), "P2", "two", true));
        Views.PatronInfo info = world.ok(new Commands.UnblockPatron(world.ctx(), "P1"));
        assertTrue(info.flags().isEmpty());
        assertTrue(info.blocks().isEmpty());
        assertTrue(info.canBorrow());
        world.ok(world.checkout("P1", "I1"));
        Views.PatronInfo lost = world.ok(new Commands.UnblockPatron(world.ctx(), "P2"));
        assertEquals(Set.of(PatronFlag.CARD_REPORTED_LOST, PatronFlag.CHARGE_PRIVILEGES_DENIED), lost.flags());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.PATRON_UNBLOCKED));
    }

    @Test
    void blockingAnUnknownPatronIsRefused() {
        world.refusedWithoutChange(new Commands.BlockPatron(world.ctx(), "NOPE", null, false), RefusalReason.UNKNOWN_PATRON);
        world.refusedWithoutChange(new Commands.UnblockPatron(world.ctx(), "NOPE"), RefusalReason.UNKNOWN_PATRON);
    }

    @Test
    void itemLocationAndCallNumberCanChangeAlone() {
        Views.ItemInfo info = world.ok(new Commands.UpdateItem(world.ctx(), "I1", null, "Reference", "REF 1"));
        assertEquals("Reference", info.location());
        assertEquals("REF 1", info.callNumber());
        assertEquals(ItemStatus.AVAILABLE, info.status());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.ITEM_STATUS_CHANGED));
    }

    @ParameterizedTest
    @EnumSource(value = ItemStatus.class, names = {"LOST", "MISSING", "DAMAGED", "IN_PROCESS", "WITHDRAWN", "AVAILABLE"})
    void itemStatusCanBeSetOnAnItemOnTheShelf(ItemStatus status) {
        assertEquals(status, world.ok(status("I1", status)).status());
        assertEquals(status, world.storedItem("I1").status());
    }

    @ParameterizedTest
    @EnumSource(value = ItemStatus.class, names = {"CHECKED_OUT", "ON_HOLD_SHELF", "IN_TRANSIT"})
    void circulationStatusesCanOnlyBeReachedByCirculating(ItemStatus status) {
        world.refusedWithoutChange(status("I1", status), RefusalReason.INVALID_REQUEST);
    }

    @Test
    void aCheckedOutItemCanOnlyBeDeclaredLost() {
        world.ok(world.checkout("P1", "I1"));
        world.refusedWithoutChange(status("I1", ItemStatus.MISSING), RefusalReason.INVALID_REQUEST);
        world.refusedWithoutChange(status("I1", ItemStatus.AVAILABLE), RefusalReason.INVALID_REQUEST);
        assertEquals(ItemStatus.LOST, world.ok(status("I1", ItemStatus.LOST)).status());
        // still on loan while lost: only a check-in ends that
        world.refusedWithoutChange(status("I1", ItemStatus.AVAILABLE), RefusalReason.INVALID_REQUEST);
        world.refusedWithoutChange(status("I1", ItemStatus.DAMAGED), RefusalReason.INVALID_REQUEST);
        world.ok(new Commands.UpdateItem(world.ctx(), "I1", null, "Desk", null));
        // a lost item that turns up is checked in as usual
        Views.CheckedIn in = world.ok(world.checkin("I1"));
        assertTrue(in.wasCheckedOut());
        assertEquals(ItemStatus.AVAILABLE, in.item().status());
    }

    @Test
    void takingATrappedItemOffTheHoldShelfSendsTheHoldBackToTheQueue() {
        Views.HoldPlaced hold = world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.ok(world.checkin("I1"));
        assertEquals(HoldStatus.READY, world.hold(hold.holdId()).status());
        world.ok(status("I1", ItemStatus.MISSING));
        assertEquals(HoldStatus.WAITING, world.hold(hold.holdId()).status());
        assertNull(world.hold(hold.holdId()).trappedItemId());
        Item item = world.storedItem("I1");
        assertEquals(ItemStatus.MISSING, item.status());
        assertNull(world.itemInfo("I1").holdPickupLibrary());
    }

    @Test
    void updatingAnUnknownItemIsRefused() {
        world.refusedWithoutChange(status("NOPE", ItemStatus.LOST), RefusalReason.UNKNOWN_ITEM);
    }
}
