package org.stackbridge.ncip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.ncip.NcipFixture.msg;
import static org.stackbridge.ncip.NcipFixture.problemType;
import static org.stackbridge.ncip.NcipFixture.reshare;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Money;
import org.stackbridge.ncip.binding.v2.NCIPMessage;

/** Whole ILL workflows over HTTP, asserting the engine state and the event log after each message. */
@Timeout(60)
class NcipWorkflowIT {

    private NcipFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new NcipFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private IllRequest ill(String ext, IllRole role) {
        return f.circ.store().runNow(tx -> tx.ill().byExternalId("reshare", ext, role)).orElseThrow();
    }

    private Item item(String barcode) {
        return f.circ.store().runNow(tx -> tx.items().byBarcode(barcode)).orElseThrow();
    }

    private List<String> transitions(long illId) {
        return f.events().stream().filter(e -> e.type() == EventType.ILL_TRANSITION && e.detail().startsWith("ill=" + illId + " "))
                .map(e -> e.detail().split(" ")[2]).toList();
    }

    static String acceptItem(String header, String requestId, String user, String item) {
        return msg("<ns1:AcceptItem>" + header + "<ns1:RequestId><ns1:AgencyId>ReShare</ns1:AgencyId><ns1:RequestIdentifierValue>" + requestId
                + "</ns1:RequestIdentifierValue></ns1:RequestId><ns1:RequestedActionType>Hold For Pickup</ns1:RequestedActionType>"
                + "<ns1:UserId><ns1:UserIdentifierValue>" + user + "</ns1:UserIdentifierValue></ns1:UserId>"
                + (item == null ? "" : "<ns1:ItemId><ns1:ItemIdentifierValue>" + item + "</ns1:ItemIdentifierValue></ns1:ItemId>")
                + "<ns1:DateForReturn>2026-04-01T00:00:00Z</ns1:DateForReturn>"
                + "<ns1:ItemOptionalFields><ns1:BibliographicDescription><ns1:Author>Wolfe, Gene</ns1:Author>"
                + "<ns1:Title>The Shadow of the Torturer</ns1:Title></ns1:BibliographicDescription></ns1:ItemOptionalFields>"
                + "<ns1:PickupLocation>EAST</ns1:PickupLocation></ns1:AcceptItem>");
    }

    static String deleteItem(String item) {
        return msg("<ns1:DeleteItem>" + reshare() + "<ns1:ItemId><ns1:ItemIdentifierValue>" + item
                + "</ns1:ItemIdentifierValue></ns1:ItemId></ns1:DeleteItem>");
    }

    @Test
    void reshareBorrowingWorkflow() throws Exception {
        // 1. LookupUser: the borrower check
        NCIPMessage user = f.post(NcipServicesIT.lookupUser(reshare(), "P100", ""));
        assertTrue(user.getLookupUserResponse().getProblem().isEmpty());
        assertTrue(f.events().isEmpty(), "a lookup changes nothing");

        // 2. AcceptItem: temporary item on the hold shelf for the patron at the pickup library
        NCIPMessage accepted = f.post(acceptItem(reshare(), "rs-req-1", "P100", "RS-TEMP-1"));
        assertTrue(accepted.getAcceptItemResponse().getProblem().isEmpty(), () -> problemType(accepted.getAcceptItemResponse().getProblem()));
        assertEquals("RS-TEMP-1", accepted.getAcceptItemResponse().getItemId().getItemIdentifierValue());
        assertEquals("rs-req-1", accepted.getAcceptItemResponse().getRequestId().getRequestIdentifierValue());
        IllRequest r = ill("rs-req-1", IllRole.BORROWING);
        assertEquals(IllState.RECEIVED, r.state());
        Item temp = item("RS-TEMP-1");
        assertEquals(r.id(), temp.illRequestId());
        assertEquals(ItemStatus.ON_HOLD_SHELF, temp.status());
        assertEquals("EAST", temp.homeLibrary());
        assertEquals("ILL", temp.itemType());
        Hold hold = f.circ.store().runNow(tx -> tx.holds().openTrappingItem(temp.id())).orElseThrow();
        assertEquals(HoldStatus.READY, hold.status());
        assertEquals("EAST", hold.pickupLibrary());
        assertEquals(r.id(), hold.illRequestId());
        assertEquals(List.of("NEW->REQUESTED", "REQUESTED->RECEIVED"), transitions(r.id()));
        assertTrue(f.events().stream().anyMatch(e -> e.type() == EventType.ITEM_CREATED && e.itemId() == temp.id()));
        assertEquals("The Shadow of the Torturer", f.circ.store().runNow(tx -> tx.bibs().byId(temp.bibId())).orElseThrow().title());

        // a retry of AcceptItem answers the same and creates nothing
        int events = f.events().size();
        long items = f.circ.store().runNow(tx -> tx.items().page(0, 1000)).size();
        NCIPMessage retry = f.post(acceptItem(reshare(), "rs-req-1", "P100", "RS-TEMP-1"));
        assertEquals("RS-TEMP-1", retry.getAcceptItemResponse().getItemId().getItemIdentifierValue());
        assertEquals(events, f.events().size());
        assertEquals(items, f.circ.store().runNow(tx -> tx.items().page(0, 1000)).size());
        // another request cannot reuse the barcode
        assertEquals("Duplicate Item", problemType(f.post(acceptItem(reshare(), "rs-req-2", "P100", "RS-TEMP-1")).getAcceptItemResponse().getProblem()));
        // deleting the item while it waits on the shelf for pickup would be valid, but not while on loan (below)

        // 3. CheckOutItem to the patron
        NCIPMessage out = f.post(NcipServicesIT.checkOut("P100", "RS-TEMP-1", "rs-req-1"));
        assertTrue(out.getCheckOutItemResponse().getProblem().isEmpty(), () -> problemType(out.getCheckOutItemResponse().getProblem()));
        assertEquals(IllState.CHECKED_OUT_TO_PATRON, ill("rs-req-1", IllRole.BORROWING).state());
        assertEquals(ItemStatus.CHECKED_OUT, item("RS-TEMP-1").status());
        assertEquals(HoldStatus.FILLED, f.circ.store().runNow(tx -> tx.holds().byId(hold.id())).orElseThrow().status());
        assertEquals(List.of("NEW->REQUESTED", "REQUESTED->RECEIVED", "RECEIVED->CHECKED_OUT_TO_PATRON"), transitions(r.id()));
        // DeleteItem now is an invalid transition: a Problem, and nothing changes
        events = f.events().size();
        NCIPMessage early = f.post(deleteItem("RS-TEMP-1"));
        assertFalse(early.getDeleteItemResponse().getProblem().isEmpty());
        assertTrue(early.getDeleteItemResponse().getProblem().get(0).getProblemDetail().contains("still checked out"));
        assertEquals(IllState.CHECKED_OUT_TO_PATRON, ill("rs-req-1", IllRole.BORROWING).state());
        assertEquals(events, f.events().size());

        // 4. CheckInItem: the patron returned it; it waits for return shipping
        NCIPMessage in = f.post(NcipServicesIT.checkIn("RS-TEMP-1"));
        assertTrue(in.getCheckInItemResponse().getProblem().isEmpty());
        assertEquals(IllState.RETURNED_BY_PATRON, ill("rs-req-1", IllRole.BORROWING).state());
        assertEquals(ItemStatus.IN_PROCESS, item("RS-TEMP-1").status());
        assertTrue(f.circ.store().runNow(tx -> tx.loans().openForItem(temp.id())).isEmpty());

        // 5. DeleteItem: returned to the lender, complete; the temporary item is deleted (retired, its barcode released)
        NCIPMessage deleted = f.post(deleteItem("RS-TEMP-1"));
        assertTrue(deleted.getDeleteItemResponse().getProblem().isEmpty(), () -> problemType(deleted.getDeleteItemResponse().getProblem()));
        assertEquals(IllState.COMPLETE, ill("rs-req-1", IllRole.BORROWING).state());
        assertTrue(f.circ.store().runNow(tx -> tx.items().byBarcode("RS-TEMP-1")).isEmpty());
        assertEquals(ItemStatus.WITHDRAWN, f.circ.store().runNow(tx -> tx.items().byId(temp.id())).orElseThrow().status());
        assertEquals(List.of("NEW->REQUESTED", "REQUESTED->RECEIVED", "RECEIVED->CHECKED_OUT_TO_PATRON",
                "CHECKED_OUT_TO_PATRON->RETURNED_BY_PATRON", "RETURNED_BY_PATRON->RETURNED_TO_LENDER", "RETURNED_TO_LENDER->COMPLETE"),
                transitions(r.id()));
        // a repeated DeleteItem succeeds and changes nothing
        events = f.events().size();
        assertTrue(f.post(deleteItem("RS-TEMP-1")).getDeleteItemResponse().getProblem().isEmpty());
        assertEquals(events, f.events().size());
        assertEquals("Unknown Item", problemType(f.post(deleteItem("NOPE")).getDeleteItemResponse().getProblem()));
        assertEquals("Element Rule Violated", problemType(f.post(deleteItem("I100")).getDeleteItemResponse().getProblem()),
                "a real item is never deleted");
    }

    @Test
    void tipasaAcceptItemGeneratesABarcodeAndChargesTheIllFeeOnce() throws Exception {
        String accept = acceptItem("", "tip-9", "P100", null);
        NCIPMessage m = f.post("/ncip/tipasa", accept);
        assertTrue(m.getAcceptItemResponse().getProblem().isEmpty(), () -> problemType(m.getAcceptItemResponse().getProblem()));
        String barcode = m.getAcceptItemResponse().getItemId().getItemIdentifierValue();
        IllRequest r = f.circ.store().runNow(tx -> tx.ill().byExternalId("tipasa", "tip-9", IllRole.BORROWING)).orElseThrow();
        assertEquals("ILL" + r.id(), barcode);
        assertEquals("ILL-TIPASA", item(barcode).itemType());
        assertEquals(barcode, f.post("/ncip/tipasa", accept).getAcceptItemResponse().getItemId().getItemIdentifierValue());
        Money balance = f.circ.port().execute(new Commands.LookupPatron(RequestContext.of(Channel.DESK, "t", "MAIN"), "P100", null))
                .toCompletableFuture().join().value().balance();
        assertEquals(Money.of("3.00", "USD"), balance);
    }

    @Test
    void acceptItemProblems() throws Exception {
        assertEquals("Unknown User", problemType(f.post(acceptItem(reshare(), "rs-x", "NOBODY", null)).getAcceptItemResponse().getProblem()));
        assertEquals("Needed Data Missing", problemType(f.post(acceptItem(reshare(), "rs-x", "P100", null)
                .replaceAll("<ns1:RequestId>.*</ns1:RequestId>", "")).getAcceptItemResponse().getProblem()));
        assertTrue(f.circ.store().runNow(tx -> tx.ill().page(0, 10)).isEmpty(), "nothing created by refused messages");
        // the partner fixes the patron and retries with the same RequestId: a refusal is not replayed
        NCIPMessage fixed = f.post(acceptItem(reshare(), "rs-x", "P100", null));
        assertTrue(fixed.getAcceptItemResponse().getProblem().isEmpty(), () -> problemType(fixed.getAcceptItemResponse().getProblem()));
        assertEquals(IllState.RECEIVED, ill("rs-x", IllRole.BORROWING).state());
    }

    static String requestItem(String requestId, String item) {
        return msg("<ns1:RequestItem>" + reshare() + "<ns1:UserId><ns1:UserIdentifierValue>PARTNER1</ns1:UserIdentifierValue></ns1:UserId>"
                + "<ns1:ItemId><ns1:ItemIdentifierValue>" + item + "</ns1:ItemIdentifierValue></ns1:ItemId>"
                + "<ns1:RequestId><ns1:RequestIdentifierValue>" + requestId + "</ns1:RequestIdentifierValue></ns1:RequestId>"
                + "<ns1:RequestType>Loan</ns1:RequestType><ns1:RequestScopeType>Item</ns1:RequestScopeType></ns1:RequestItem>");
    }

    @Test
    void lendingWorkflow() throws Exception {
        // 1. RequestItem: a hold for the partner library's patron
        NCIPMessage req = f.post(requestItem("rs-lend-1", "I100"));
        assertTrue(req.getRequestItemResponse().getProblem().isEmpty(), () -> problemType(req.getRequestItemResponse().getProblem()));
        assertEquals("rs-lend-1", req.getRequestItemResponse().getRequestId().getRequestIdentifierValue());
        IllRequest r = ill("rs-lend-1", IllRole.LENDING);
        assertEquals(IllState.REQUESTED, r.state());
        Hold hold = f.circ.store().runNow(tx -> tx.holds().openForPatron(r.patronId())).get(0);
        assertEquals(r.id(), hold.illRequestId());
        assertEquals(List.of("NEW->REQUESTED"), transitions(r.id()));
        assertTrue(f.events().stream().anyMatch(e -> e.type() == EventType.HOLD_PLACED));
        // retry: same answer, still one request and one hold
        int events = f.events().size();
        assertEquals("rs-lend-1", f.post(requestItem("rs-lend-1", "I100")).getRequestItemResponse().getRequestId().getRequestIdentifierValue());
        assertEquals(events, f.events().size());

        // 2. CheckOutItem to the partner library (shipping)
        NCIPMessage out = f.post(NcipServicesIT.checkOut("PARTNER1", "I100", "rs-lend-1"));
        assertTrue(out.getCheckOutItemResponse().getProblem().isEmpty(), () -> problemType(out.getCheckOutItemResponse().getProblem()));
        assertEquals(IllState.CHECKED_OUT_TO_PARTNER, ill("rs-lend-1", IllRole.LENDING).state());
        assertEquals(ItemStatus.CHECKED_OUT, item("I100").status());
        assertEquals(HoldStatus.FILLED, f.circ.store().runNow(tx -> tx.holds().byId(hold.id())).orElseThrow().status());
        assertEquals(List.of("NEW->REQUESTED", "REQUESTED->CHECKED_OUT_TO_PARTNER"), transitions(r.id()));

        // 3. CheckInItem on return: complete
        NCIPMessage in = f.post(NcipServicesIT.checkIn("I100"));
        assertTrue(in.getCheckInItemResponse().getProblem().isEmpty());
        assertEquals("PARTNER1", in.getCheckInItemResponse().getUserId().getUserIdentifierValue());
        assertEquals(IllState.COMPLETE, ill("rs-lend-1", IllRole.LENDING).state());
        assertEquals(ItemStatus.AVAILABLE, item("I100").status());
        assertEquals(List.of("NEW->REQUESTED", "REQUESTED->CHECKED_OUT_TO_PARTNER", "CHECKED_OUT_TO_PARTNER->RETURNED_BY_PARTNER",
                "RETURNED_BY_PARTNER->COMPLETE"), transitions(r.id()));
        List<CirculationEvent> log = f.events();
        assertTrue(log.stream().filter(e -> e.type() == EventType.ILL_TRANSITION).allMatch(e -> e.channel() == Channel.NCIP && "reshare".equals(e.actor())));
    }

    @Test
    void lendingCancelledByPartner() throws Exception {
        assertTrue(f.post(requestItem("rs-lend-2", "I101")).getRequestItemResponse().getProblem().isEmpty());
        IllRequest r = ill("rs-lend-2", IllRole.LENDING);
        String cancel = msg("<ns1:CancelRequestItem>" + reshare() + "<ns1:UserId><ns1:UserIdentifierValue>PARTNER1</ns1:UserIdentifierValue></ns1:UserId>"
                + "<ns1:RequestId><ns1:RequestIdentifierValue>rs-lend-2</ns1:RequestIdentifierValue></ns1:RequestId></ns1:CancelRequestItem>");
        NCIPMessage c = f.post(cancel);
        assertTrue(c.getCancelRequestItemResponse().getProblem().isEmpty(), () -> problemType(c.getCancelRequestItemResponse().getProblem()));
        assertEquals(IllState.CANCELLED, ill("rs-lend-2", IllRole.LENDING).state());
        assertTrue(f.circ.store().runNow(tx -> tx.holds().openForPatron(r.patronId())).isEmpty());
        assertEquals(List.of("NEW->REQUESTED", "REQUESTED->CANCELLED"), transitions(r.id()));
        // the broker retries: same answer, nothing changes
        int events = f.events().size();
        assertTrue(f.post(cancel).getCancelRequestItemResponse().getProblem().isEmpty());
        assertEquals(events, f.events().size());
        // the item cannot be checked out to the partner for the cancelled request
        NCIPMessage out = f.post(NcipServicesIT.checkOut("PARTNER1", "I101", "rs-lend-2"));
        assertTrue(out.getCheckOutItemResponse().getProblem().isEmpty(), "a plain loan: the cancelled request no longer holds the item");
        assertEquals(IllState.CANCELLED, ill("rs-lend-2", IllRole.LENDING).state());
    }
}
