package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.outcome.Views.ReturnDestination;

/** Suspended holds keep their place but are passed over (HoldSuspensionPolicy); holds by id for the staff desk. */
class HoldSuspensionScenariosTest {

    private World world;

    @BeforeEach
    void setUp() {
        world = new World();
        world.patron("P1");
        world.patron("P2");
        world.patron("P3");
        world.patron("X1", "ADULT", "OTHER");
        world.item("I1", world.bib("b1"));
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private Commands.SuspendHold suspend(long hold, LocalDate until) {
        return new Commands.SuspendHold(world.ctx(), hold, until);
    }

    private long hold(String patron) {
        return world.ok(world.titleHold(patron, "b1", "MAIN")).holdId();
    }

    @Test
    void aSuspendedHoldKeepsItsPlaceButIsPassedOverWhenTheItemIsTrapped() {
        world.ok(world.checkout("P1", "I1"));
        long first = hold("P2");
        long second = hold("P3");
        Views.HoldView suspended = world.ok(suspend(first, null));
        assertTrue(suspended.suspended());
        assertNull(suspended.suspendedUntil());
        assertEquals(1, suspended.queuePosition(), "a suspended hold keeps its place");

        Views.CheckedIn in = world.ok(world.checkin("I1"));
        assertEquals(ReturnDestination.HOLD_SHELF, in.destination());
        assertEquals(second, in.hold().holdId(), "the next hold that is not suspended gets the item");
        assertEquals(HoldStatus.WAITING, world.hold(first).status());
        assertEquals(HoldStatus.READY, world.hold(second).status());
        List<Views.HoldView> queue = world.ok(new Commands.ListHolds(world.ctx(), null, "b1"));
        assertEquals(List.of(first, second), queue.stream().map(Views.HoldView::holdId).toList());
        assertEquals(List.of(1, 2), queue.stream().map(Views.HoldView::queuePosition).toList());
    }

    @Test
    void aSuspensionWithAnEndDateLastsThroughThatDayThenTheHoldTrapsAgain() {
        long h = hold("P2");
        world.ok(suspend(h, LocalDate.of(2026, 3, 4)));
        world.advanceDays(2); // 2026-03-04: still suspended
        assertEquals(ReturnDestination.RESHELVE, world.ok(world.checkin("I1")).destination());
        world.advanceDays(1); // 2026-03-05: the hold takes part again
        Views.CheckedIn in = world.ok(world.checkin("I1"));
        assertEquals(ReturnDestination.HOLD_SHELF, in.destination());
        assertEquals(h, in.hold().holdId());
    }

    @Test
    void aResumedHoldIsTrappedAgainAndBothChangesAreLoggedWithBeforeAndAfter() {
        long h = hold("P2");
        world.ok(suspend(h, LocalDate.of(2026, 4, 1)));
        assertEquals(ReturnDestination.RESHELVE, world.ok(world.checkin("I1")).destination());
        Views.HoldView resumed = world.ok(new Commands.ResumeHold(world.ctx(), h));
        assertFalse(resumed.suspended());
        assertEquals(ReturnDestination.HOLD_SHELF, world.ok(world.checkin("I1")).destination());
        List<String> changes = world.events().stream().filter(e -> e.type() == EventType.HOLD_CHANGED).map(CirculationEvent::detail).toList();
        assertEquals(List.of("hold=" + h + " suspended no->until 2026-04-01", "hold=" + h + " suspended until 2026-04-01->no"), changes);
    }

    @Test
    void aSuspendedHoldDoesNotBlockARenewalOrMakeACheckoutWait() {
        world.ok(world.checkout("P1", "I1"));
        long h = world.ok(world.itemHold("P2", "I1", "MAIN")).holdId();
        world.refused(world.renew("P1", "I1"), RefusalReason.RENEWAL_BLOCKED_BY_HOLD);
        world.ok(suspend(h, null));
        assertEquals(1, world.ok(world.renew("P1", "I1")).renewals());
        world.ok(world.checkin("I1"));
        assertEquals(ItemStatus.AVAILABLE, world.storedItem("I1").status());
        world.ok(world.checkout("P3", "I1"));
    }

    @Test
    void onlyAWaitingHoldCanBeSuspendedAndNotIntoThePast() {
        long h = hold("P2");
        world.refusedWithoutChange(suspend(h, LocalDate.of(2026, 3, 1)), RefusalReason.INVALID_REQUEST);
        world.ok(world.checkin("I1")); // trapped: READY on the shelf
        Views.HoldView ready = world.ok(new Commands.LookupHold(world.ctx(), h));
        assertEquals(HoldStatus.READY, ready.status());
        assertEquals("I1", ready.trappedItemBarcode());
        world.refusedWithoutChange(suspend(h, null), RefusalReason.INVALID_TRANSITION);
    }

    @Test
    void cancellingByIdReleasesTheTrappedItemAndLogsTheReason() {
        long h = hold("P2");
        world.ok(world.checkin("I1"));
        assertEquals(ItemStatus.ON_HOLD_SHELF, world.storedItem("I1").status());
        Views.HoldView cancelled = world.ok(new Commands.CancelHoldById(world.ctx(), h, "patron moved away"));
        assertEquals(HoldStatus.CANCELLED, cancelled.status());
        assertEquals(ItemStatus.AVAILABLE, world.storedItem("I1").status());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.HOLD_CANCELLED
                && e.detail().equals("hold=" + h + " READY->CANCELLED reason=patron moved away")), world.events().toString());
        world.refusedWithoutChange(new Commands.CancelHoldById(world.ctx(), h, null), RefusalReason.INVALID_TRANSITION);
        world.refusedWithoutChange(new Commands.CancelHoldById(world.ctx(), 9_999, null), RefusalReason.UNKNOWN_HOLD);
    }

    @Test
    void aCallerOfAnotherInstitutionCannotSeeOrChangeTheHold() {
        long h = hold("P2");
        RequestContext other = new RequestContext(world.ctx().channel(), "desk", "desk", "OTHER", "OTHER", null, null);
        world.refusedWithoutChange(new Commands.SuspendHold(other, h, null), RefusalReason.UNKNOWN_HOLD);
        world.refusedWithoutChange(new Commands.CancelHoldById(other, h, null), RefusalReason.UNKNOWN_HOLD);
        world.refused(new Commands.ListHolds(other, "P2", null), RefusalReason.UNKNOWN_PATRON);
        Views.HoldView anonymous = world.ok(new Commands.ListHolds(other, null, "b1")).get(0);
        assertNull(anonymous.patronBarcode(), "the queue shows the place, not a patron of another institution");
    }
}
