package org.stackbridge.core.ill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.InMemoryCirculation;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.testing.TestClock;

/** The ILL engine on in-memory storage: the transition table, unhappy paths, the technician commands and statistics. */
class IllEngineTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T10:00:00Z"));
    private InMemoryCirculation circ;
    private final RequestContext partner = new RequestContext(Channel.NCIP, "reshare", "reshare", "MAIN", "MAIN", null, null);
    private final RequestContext tech = new RequestContext(Channel.CLI, "tech", "cli", null, null, null, null);

    @BeforeEach
    void setUp() {
        circ = new InMemoryCirculation(clock);
        IllEngine.registerWith(circ.engine());
        circ.library("MAIN", "MAIN");
        circ.patron("P1", "1111", "adult", "MAIN");
        circ.patron("PARTNER", null, "ill", "MAIN");
        circ.item("I1", circ.bib("b1", "Solaris", "Lem"), "book", "MAIN");
    }

    @AfterEach
    void tearDown() {
        circ.close();
    }

    private <R> Outcome<R> run(Command<R> c) {
        return circ.port().execute(c).toCompletableFuture().join();
    }

    private IllViews.Received receive(String ext) {
        Outcome<IllViews.Received> out = run(new IllCommands.ReceiveItem(partner, "reshare", ext, "P1", null, IllViews.Citation.of("Borrowed " + ext),
                null, null, null, null));
        assertTrue(out.isSuccess(), out::toString);
        return out.value();
    }

    private IllViews.IllRequestView advance(long id, IllState to) {
        Outcome<IllViews.IllRequestView> out = run(new IllCommands.Advance(tech, IllRef.byId(id), to, "by hand"));
        assertTrue(out.isSuccess(), out::toString);
        return out.value();
    }

    @Test
    void invalidTransitionsAreRefusedAndChangeNothing() {
        IllViews.Received rec = receive("r1");
        long id = rec.request().id();
        int events = circ.store().runNow(tx -> tx.events().between(Instant.EPOCH, clock.instant().plusSeconds(1), 1000)).size();
        Outcome<IllViews.IllRequestView> bad = run(new IllCommands.Advance(tech, IllRef.byId(id), IllState.SHIPPED_TO_US, null));
        assertFalse(bad.isSuccess());
        Outcome.Refused<?> r = (Outcome.Refused<?>) bad;
        assertEquals(RefusalReason.INVALID_TRANSITION, r.reason());
        assertTrue(r.message().contains("RECEIVED") && r.message().contains("SHIPPED_TO_US"), r.message());
        // check-out driven transitions cannot be forced by hand
        assertEquals(RefusalReason.INVALID_TRANSITION,
                ((Outcome.Refused<?>) run(new IllCommands.Advance(tech, IllRef.byId(id), IllState.CHECKED_OUT_TO_PATRON, null))).reason());
        assertEquals(IllState.RECEIVED, circ.store().runNow(tx -> tx.ill().byId(id)).orElseThrow().state());
        assertEquals(events, circ.store().runNow(tx -> tx.events().between(Instant.EPOCH, clock.instant().plusSeconds(1), 1000)).size());
        assertEquals(RefusalReason.UNKNOWN_ILL_REQUEST, ((Outcome.Refused<?>) run(new IllCommands.Advance(tech, IllRef.byId(999), IllState.CANCELLED, null))).reason());
    }

    @Test
    void checkOutOfATemporaryItemOfACancelledRequestIsRefused() {
        IllViews.Received rec = receive("r2");
        advance(rec.request().id(), IllState.CANCELLED);
        assertEquals(ItemStatus.WITHDRAWN, circ.store().runNow(tx -> tx.items().byBarcode(rec.itemBarcode())).orElseThrow().status());
        Outcome<?> out = run(new Commands.CheckOut(partner, "P1", rec.itemBarcode(), null, false, false, true));
        assertEquals(RefusalReason.INVALID_TRANSITION, ((Outcome.Refused<?>) out).reason());
        assertTrue(circ.store().runNow(tx -> tx.holds().openForPatron(tx.patrons().byBarcode("P1").orElseThrow().id())).isEmpty());
    }

    @Test
    void sip2StyleCheckoutAndCheckinMoveTheRequestToo() {
        IllViews.Received rec = receive("r3");
        RequestContext kiosk = RequestContext.of(Channel.SIP2, "kiosk1", "MAIN");
        assertTrue(run(new Commands.CheckOut(kiosk, "P1", rec.itemBarcode(), "1111", false, false, true)).isSuccess());
        assertEquals(IllState.CHECKED_OUT_TO_PATRON, circ.store().runNow(tx -> tx.ill().byId(rec.request().id())).orElseThrow().state());
        Outcome<org.stackbridge.core.outcome.Views.CheckedIn> in = run(new Commands.CheckIn(kiosk, rec.itemBarcode(), false));
        assertEquals(org.stackbridge.core.outcome.Views.ReturnDestination.ILL_RETURN, in.value().destination());
        assertEquals(IllState.RETURNED_BY_PATRON, circ.store().runNow(tx -> tx.ill().byId(rec.request().id())).orElseThrow().state());
        advance(rec.request().id(), IllState.RETURNED_TO_LENDER);
        advance(rec.request().id(), IllState.COMPLETE);
        assertEquals(ItemStatus.WITHDRAWN, circ.store().runNow(tx -> tx.items().byBarcode(rec.itemBarcode())).orElseThrow().status());
    }

    @Test
    void neverCollectedItemCheckedInGoesBack() {
        IllViews.Received rec = receive("r4");
        assertTrue(run(new Commands.CheckIn(partner, rec.itemBarcode(), false)).isSuccess());
        assertEquals(IllState.RETURNED_BY_PATRON, circ.store().runNow(tx -> tx.ill().byId(rec.request().id())).orElseThrow().state());
        assertEquals(HoldStatus.CANCELLED, circ.store().runNow(tx -> tx.holds().byId(rec.holdId())).orElseThrow().status());
    }

    @Test
    void borrowingUnhappyPaths() {
        IllViews.IllRequestView req = run(new IllCommands.RequestBorrowing(partner, "reshare", "u1", "P1", IllViews.Citation.of("Ubik"), null)).value();
        assertEquals(IllState.REQUESTED, req.state());
        assertEquals(IllState.UNFILLED, advance(req.id(), IllState.UNFILLED).state());
        IllViews.IllRequestView lost = run(new IllCommands.RequestBorrowing(partner, "reshare", "u2", "P1", IllViews.Citation.of("Ubik"), null)).value();
        advance(lost.id(), IllState.SHIPPED_TO_US);
        assertEquals(IllState.LOST_IN_TRANSIT, advance(lost.id(), IllState.LOST_IN_TRANSIT).state());
        // a receipt for a lost request is refused
        Outcome<IllViews.Received> late = run(new IllCommands.ReceiveItem(partner, "reshare", "u2", "P1", null, null, null, null, null, null));
        assertEquals(RefusalReason.INVALID_TRANSITION, ((Outcome.Refused<?>) late).reason());
        // overdue from the patron, then returned
        IllViews.Received rec = receive("u3");
        assertTrue(run(new Commands.CheckOut(partner, "P1", rec.itemBarcode(), null, false, false, true)).isSuccess());
        assertEquals(IllState.OVERDUE, advance(rec.request().id(), IllState.OVERDUE).state());
        assertTrue(run(new Commands.CheckIn(partner, rec.itemBarcode(), false)).isSuccess());
        assertEquals(IllState.RETURNED_BY_PATRON, circ.store().runNow(tx -> tx.ill().byId(rec.request().id())).orElseThrow().state());
    }

    @Test
    void lendingUnhappyPaths() {
        IllViews.LendingRequested req = run(new IllCommands.RequestLending(partner, "reshare", "L1", "PARTNER", "I1", null, null)).value();
        long id = req.request().id();
        assertEquals(IllState.PICKED, advance(id, IllState.PICKED).state());
        assertTrue(run(new Commands.CheckOut(partner, "PARTNER", "I1", null, false, false, true)).isSuccess());
        assertEquals(IllState.CHECKED_OUT_TO_PARTNER, circ.store().runNow(tx -> tx.ill().byId(id)).orElseThrow().state());
        advance(id, IllState.SHIPPED_TO_PARTNER);
        assertEquals(IllState.OVERDUE, advance(id, IllState.OVERDUE).state());
        assertEquals(IllState.LOST_IN_TRANSIT, advance(id, IllState.LOST_IN_TRANSIT).state());
        assertEquals(ItemStatus.LOST, circ.store().runNow(tx -> tx.items().byBarcode("I1")).orElseThrow().status());
        // unfilled releases the hold
        circ.item("I2", circ.bib("b2", "Eden", "Lem"), "book", "MAIN");
        IllViews.LendingRequested other = run(new IllCommands.RequestLending(partner, "reshare", "L2", "PARTNER", "I2", null, null)).value();
        advance(other.request().id(), IllState.UNFILLED);
        assertEquals(HoldStatus.CANCELLED, circ.store().runNow(tx -> tx.holds().byId(other.holdId())).orElseThrow().status());
    }

    @Test
    void listShowAndStatistics() {
        IllViews.Received a = receive("s1");
        clock.advance(Duration.ofDays(2));
        assertTrue(run(new Commands.CheckIn(partner, a.itemBarcode(), false)).isSuccess());
        advance(a.request().id(), IllState.RETURNED_TO_LENDER);
        advance(a.request().id(), IllState.COMPLETE);
        IllViews.Received b = receive("s2");
        clock.advance(Duration.ofDays(4));
        assertTrue(run(new Commands.CheckIn(partner, b.itemBarcode(), false)).isSuccess());
        run(new IllCommands.DeleteTemporaryItem(partner, b.itemBarcode()));
        receive("s3");
        run(new IllCommands.RequestLending(partner, "reshare", "L9", "PARTNER", "I1", null, null));

        IllViews.Listing borrowing = run(new IllCommands.ListRequests(tech, IllRole.BORROWING, null, 0, 10)).value();
        assertEquals(3, borrowing.requests().size());
        assertEquals(1, run(new IllCommands.ListRequests(tech, null, IllState.RECEIVED, 0, 10)).value().requests().size());
        assertEquals(1, run(new IllCommands.ListRequests(tech, IllRole.LENDING, null, 0, 10)).value().requests().size());

        IllViews.Detail detail = run(new IllCommands.ShowRequest(tech, IllRef.byExternal("reshare", "s1", IllRole.BORROWING))).value();
        assertEquals(List.of("NEW", "REQUESTED", "RECEIVED", "RETURNED_BY_PATRON", "RETURNED_TO_LENDER"),
                detail.history().stream().map(IllViews.Transition::from).toList());
        assertEquals("by hand", detail.history().get(4).note());
        assertEquals(Channel.CLI, detail.history().get(4).channel());

        IllViews.Stats stats = run(new IllCommands.Statistics(tech, Instant.EPOCH, clock.instant().plusSeconds(1))).value();
        assertEquals(2, stats.count(IllRole.BORROWING, IllState.COMPLETE));
        assertEquals(1, stats.count(IllRole.BORROWING, IllState.RECEIVED));
        assertEquals(1, stats.count(IllRole.LENDING, IllState.REQUESTED));
        assertEquals(2L, stats.completed().get(IllRole.BORROWING));
        // s1 took 2 days, s2 took 4 days: the median of two is their mean
        assertEquals(Duration.ofDays(3), stats.medianTurnaround().get(IllRole.BORROWING));
        assertTrue(circ.store().runNow(tx -> tx.events().between(Instant.EPOCH, clock.instant().plusSeconds(1), 1000)).stream()
                .filter(e -> e.type() == EventType.ILL_TRANSITION).allMatch(e -> e.detail().contains("->")));
    }

    @Test
    void everyStateOfTheTableIsReachableAndTerminalsHaveNoExit() {
        for (IllRole role : IllRole.values()) {
            assertTrue(IllTransitions.isTerminal(role, IllState.COMPLETE));
            assertTrue(IllTransitions.isTerminal(role, IllState.CANCELLED));
            assertTrue(IllTransitions.states(role).contains(IllState.REQUESTED));
        }
        assertEquals(List.of(IllState.RECEIVED), IllTransitions.next(IllRole.BORROWING, IllState.SHIPPED_TO_US, IllTransitions.Trigger.RECEIVE));
    }
}
