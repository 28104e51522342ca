package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.HistoryCommands;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.HistoryViews;
import org.stackbridge.core.outcome.RefusalReason;

/** Loan-history anonymisation: only loans returned more than N days ago lose the patron link, with their events. */
class LoanHistoryScenariosTest {

    private final World world = new World();

    @AfterEach
    void tearDown() {
        world.close();
    }

    private List<Loan> closedLinked(Patron p) {
        return world.circ.store().runNow(tx -> tx.loanHistory().closedForPatron(p.id(), null));
    }

    private List<CirculationEvent> eventsOf(Patron p) {
        return world.circ.store().runNow(tx -> tx.events().forPatron(p.id(), 0, 1000));
    }

    @Test
    void onlyLoansReturnedMoreThanTheDaysAgoAreAnonymisedWithTheirEventsAndOpenLoansNever() {
        Patron ada = world.patron("P1");
        BibRecord bib = world.bib("b1");
        world.item("OLD", bib);
        world.item("NEW", bib);
        world.item("OUT", bib);
        world.ok(world.checkout("P1", "OLD"));
        world.ok(world.renew("P1", "OLD"));
        world.ok(world.checkout("P1", "OUT"));
        world.advanceDays(2);
        world.ok(world.checkin("OLD"));
        world.advanceDays(20);
        world.ok(world.checkout("P1", "NEW"));
        world.advanceDays(1);
        world.ok(world.checkin("NEW"));
        world.advanceDays(10);
        // OLD was returned 31 days ago, NEW 10 days ago, OUT is still on loan
        HistoryViews.LoanHistoryAnonymised done = world.ok(new HistoryCommands.AnonymiseLoanHistory(world.ctx(), 30, 0, 100));
        assertEquals(1, done.loans(), done.toString());
        assertTrue(done.done());
        assertEquals(1, closedLinked(ada).size(), "NEW is still linked");
        List<String> left = eventsOf(ada).stream().map(e -> e.type() + " " + e.itemId()).toList();
        long oldId = world.circ.store().runNow(tx -> tx.items().byBarcode("OLD")).orElseThrow().id();
        assertFalse(left.stream().anyMatch(s -> s.endsWith(" " + oldId)), "OLD's checkout, renewal and checkin are no longer the patron's: " + left);
        assertEquals(3, left.stream().filter(s -> s.startsWith("CHECKOUT") || s.startsWith("CHECKIN")).count(), "OUT out, NEW out and in: " + left);
        List<CirculationEvent> unlinked = world.circ.store().runNow(tx -> tx.events().forItem(oldId, 100)).stream()
                .filter(e -> e.type() == EventType.CHECKOUT || e.type() == EventType.RENEW || e.type() == EventType.CHECKIN).toList();
        assertEquals(3, unlinked.size(), unlinked.toString());
        assertTrue(unlinked.stream().allMatch(e -> e.patronId() == null), unlinked.toString());
        assertEquals(1, world.circ.store().runNow(tx -> tx.loans().openForPatron(ada.id())).size(), "the open loan keeps its patron");

        assertEquals(0, world.ok(new HistoryCommands.AnonymiseLoanHistory(world.ctx(), 30, 0, 100)).loans(), "nothing more is due");
    }

    @Test
    void zeroDaysMeansOffAndIsRefused() {
        world.refused(new HistoryCommands.AnonymiseLoanHistory(world.ctx(), 0, 0, 100), RefusalReason.INVALID_REQUEST);
    }
}
