package org.stackbridge.ncip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.ncip.NcipFixture.msg;
import static org.stackbridge.ncip.NcipFixture.problemType;
import static org.stackbridge.ncip.NcipFixture.reshare;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.ncip.binding.v2.LookupUserResponse;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.binding.v2.Problem;
import org.stackbridge.ncip.binding.v2.UserPrivilege;

/** Each service over real HTTP against the in-memory engine: the success path and the main Problems. */
@Timeout(60)
class NcipServicesIT {

    private NcipFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new NcipFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    static String lookupUser(String header, String userId, String extra) {
        return msg("<ns1:LookupUser>" + header + "<ns1:UserId><ns1:UserIdentifierValue>" + userId + "</ns1:UserIdentifierValue></ns1:UserId>"
                + extra + "</ns1:LookupUser>");
    }

    private static String privilege(LookupUserResponse r, String type) {
        return r.getUserOptionalFields().getUserPrivilege().stream()
                .filter(p -> p.getAgencyUserPrivilegeType().getValue().equals(type)).map(UserPrivilege::getUserPrivilegeStatus)
                .map(s -> s.getUserPrivilegeStatusType().getValue()).findFirst().orElse(null);
    }

    @Test
    void lookupUserAnswersNameAddressesAndPrivileges() throws Exception {
        NCIPMessage m = f.post(lookupUser(reshare(), "P100", ""));
        LookupUserResponse r = m.getLookupUserResponse();
        assertTrue(r.getProblem().isEmpty(), () -> problemType(r.getProblem()));
        assertEquals("P100", r.getUserId().getUserIdentifierValue());
        assertNotNull(r.getUserOptionalFields(), "UserOptionalFields always present");
        assertEquals("Patron P100", r.getUserOptionalFields().getNameInformation().getPersonalNameInformation().getUnstructuredPersonalUserName());
        assertTrue(r.getUserOptionalFields().getUserAddressInformation().stream()
                .anyMatch(a -> a.getElectronicAddress() != null && "P100@example.org".equals(a.getElectronicAddress().getElectronicAddressData())));
        assertTrue(r.getUserOptionalFields().getUserAddressInformation().stream()
                .anyMatch(a -> a.getElectronicAddress() != null && "555-0100".equals(a.getElectronicAddress().getElectronicAddressData())));
        assertTrue(r.getUserOptionalFields().getUserAddressInformation().stream().anyMatch(a -> a.getPhysicalAddress() != null));
        assertEquals("OK", privilege(r, "STATUS"));
        assertEquals("adult", privilege(r, "PROFILE"));
        assertEquals("MAIN", privilege(r, "LIBRARY"));
        assertTrue(r.getLoanedItem().isEmpty() && r.getUserFiscalAccount().isEmpty(), "optional data only on request");
        assertEquals("MAIN", r.getResponseHeader().getFromAgencyId().getAgencyId().getValue());
        assertEquals("ReShare", r.getResponseHeader().getToAgencyId().getAgencyId().getValue());
    }

    @Test
    void lookupUserAddsLoansRequestsAndFiscalAccountOnRequest() throws Exception {
        RequestContext desk = RequestContext.of(Channel.DESK, "staff", "MAIN");
        assertTrue(f.circ.port().execute(new Commands.CheckOut(desk, "P100", "I200", null, false, false, true)).toCompletableFuture().join().isSuccess());
        assertTrue(f.circ.port().execute(new Commands.PlaceHold(desk, "P100", null, "ocm0001", "MAIN", null)).toCompletableFuture().join().isSuccess());
        assertTrue(f.circ.port().execute(new Commands.AssessFee(desk, "P100", FeeType.MANUAL, Money.of("2.50", "USD"), null, "lost card"))
                .toCompletableFuture().join().isSuccess());
        NCIPMessage m = f.post(lookupUser(reshare(), "P100",
                "<ns1:LoanedItemsDesired/><ns1:RequestedItemsDesired/><ns1:UserFiscalAccountDesired/>"));
        LookupUserResponse r = m.getLookupUserResponse();
        assertEquals(1, r.getLoanedItem().size());
        assertEquals("I200", r.getLoanedItem().get(0).getItemId().getItemIdentifierValue());
        assertEquals(1, r.getRequestedItem().size());
        assertEquals("Hold", r.getRequestedItem().get(0).getRequestType().getValue());
        assertEquals(BigInteger.valueOf(250), r.getUserFiscalAccount().get(0).getAccountBalance().getMonetaryValue());
        assertEquals(1, r.getUserFiscalAccount().get(0).getAccountDetails().size());
    }

    @Test
    void lookupUserBlockedPatronIsBlockedWithBlockOrTrap() throws Exception {
        f.circ.store().runNow(tx -> tx.patrons().addBlock(new PatronBlock(0, tx.patrons().byBarcode("P100").orElseThrow().id(), "DESK",
                true, true, true, "Lost items", NcipFixture.NOW, null)));
        LookupUserResponse r = f.post(lookupUser(reshare(), "P100", "")).getLookupUserResponse();
        assertEquals("BLOCKED", privilege(r, "STATUS"));
        assertTrue(r.getUserOptionalFields().getBlockOrTrap().stream().anyMatch(b -> b.getBlockOrTrapType().getValue().equals("Lost items")));
    }

    @Test
    void lookupUserProblems() throws Exception {
        Problem unknown = f.post(lookupUser(reshare(), "NOBODY", "")).getLookupUserResponse().getProblem().get(0);
        assertEquals("Unknown User", unknown.getProblemType().getValue());
        assertEquals("UserIdentifierValue", unknown.getProblemElement());
        assertEquals("NOBODY", unknown.getProblemValue());
        assertTrue(unknown.getProblemType().getScheme().endsWith("lookupuserprocessingerror.scm"));

        String badPin = lookupUser(reshare(), "P100", "").replace("</ns1:UserId>", "</ns1:UserId><ns1:AuthenticationInput>"
                + "<ns1:AuthenticationInputData>0000</ns1:AuthenticationInputData><ns1:AuthenticationDataFormatType>text</ns1:AuthenticationDataFormatType>"
                + "<ns1:AuthenticationInputType>PIN</ns1:AuthenticationInputType></ns1:AuthenticationInput>");
        assertEquals("User Authentication Failed", problemType(f.post(badPin).getLookupUserResponse().getProblem()));
        String goodPin = badPin.replace(">0000<", ">1234<");
        assertTrue(f.post(goodPin).getLookupUserResponse().getProblem().isEmpty());

        // PIN check with the barcode in AuthenticationInput only
        String authOnly = msg("<ns1:LookupUser>" + reshare() + "<ns1:AuthenticationInput><ns1:AuthenticationInputData>P100</ns1:AuthenticationInputData>"
                + "<ns1:AuthenticationDataFormatType>text</ns1:AuthenticationDataFormatType><ns1:AuthenticationInputType>Barcode Id</ns1:AuthenticationInputType>"
                + "</ns1:AuthenticationInput><ns1:AuthenticationInput><ns1:AuthenticationInputData>1234</ns1:AuthenticationInputData>"
                + "<ns1:AuthenticationDataFormatType>text</ns1:AuthenticationDataFormatType><ns1:AuthenticationInputType>PIN</ns1:AuthenticationInputType>"
                + "</ns1:AuthenticationInput></ns1:LookupUser>");
        assertEquals("P100", f.post(authOnly).getLookupUserResponse().getUserId().getUserIdentifierValue());
    }

    @Test
    void agencyProblems() throws Exception {
        assertEquals("Unknown Agency", problemType(f.post(lookupUser(NcipFixture.header("stranger", null), "P100", ""))
                .getLookupUserResponse().getProblem()));
        assertEquals("Agency Authentication Failed", problemType(f.post(lookupUser(NcipFixture.header("ReShare", "wrong"), "P100", ""))
                .getLookupUserResponse().getProblem()));
        // IP allowlist: farAway only from 10.99/16, we call from 127.0.0.1
        assertEquals("Agency Authentication Failed", problemType(f.post(lookupUser(NcipFixture.header("farAway", null), "P100", ""))
                .getLookupUserResponse().getProblem()));
        // relais allows loopback
        assertTrue(f.post(lookupUser(NcipFixture.header("RELAIS", null), "P100", "")).getLookupUserResponse().getProblem().isEmpty());
        // no header at all: the agency is unknown
        assertEquals("Needed Data Missing", problemType(f.post(lookupUser("", "P100", "")).getLookupUserResponse().getProblem()));
        // tipasa sends no FromAgencyId but has its own path
        assertTrue(f.post("/ncip/tipasa", lookupUser("", "P100", "")).getLookupUserResponse().getProblem().isEmpty());
    }

    @Test
    void unsupportedServiceIsAProblem() throws Exception {
        NCIPMessage m = f.post(msg("<ns1:UndoCheckOutItem>" + reshare() + "<ns1:ItemId><ns1:ItemIdentifierValue>I100</ns1:ItemIdentifierValue>"
                + "</ns1:ItemId></ns1:UndoCheckOutItem>"));
        assertEquals("Unsupported Service", problemType(m.getProblem()));
        assertEquals("UndoCheckOutItem", m.getProblem().get(0).getProblemElement());
    }

    static String checkOut(String user, String item, String requestId) {
        return msg("<ns1:CheckOutItem>" + reshare() + "<ns1:UserId><ns1:UserIdentifierValue>" + user + "</ns1:UserIdentifierValue></ns1:UserId>"
                + "<ns1:ItemId><ns1:ItemIdentifierValue>" + item + "</ns1:ItemIdentifierValue></ns1:ItemId>"
                + (requestId == null ? "" : "<ns1:RequestId><ns1:RequestIdentifierValue>" + requestId + "</ns1:RequestIdentifierValue></ns1:RequestId>")
                + "</ns1:CheckOutItem>");
    }

    static String checkIn(String item) {
        return msg("<ns1:CheckInItem>" + reshare() + "<ns1:ItemId><ns1:ItemIdentifierValue>" + item
                + "</ns1:ItemIdentifierValue></ns1:ItemId></ns1:CheckInItem>");
    }

    @Test
    void checkOutCheckInAndRetries() throws Exception {
        NCIPMessage out = f.post(checkOut("P100", "I100", null));
        assertTrue(out.getCheckOutItemResponse().getProblem().isEmpty(), () -> problemType(out.getCheckOutItemResponse().getProblem()));
        assertNotNull(out.getCheckOutItemResponse().getDateDue());
        long loans = f.events().stream().filter(e -> e.type() == org.stackbridge.core.model.EventType.CHECKOUT).count();
        // a retry answers as the first did and changes nothing (no renewal)
        NCIPMessage again = f.post(checkOut("P100", "I100", null));
        assertEquals(out.getCheckOutItemResponse().getDateDue(), again.getCheckOutItemResponse().getDateDue());
        assertNull(again.getCheckOutItemResponse().getRenewalCount());
        assertEquals(loans, f.events().stream().filter(e -> e.type() == org.stackbridge.core.model.EventType.CHECKOUT).count());
        assertTrue(f.events().stream().noneMatch(e -> e.type() == org.stackbridge.core.model.EventType.RENEW));
        // to someone else: ineligible
        assertEquals("User Ineligible To Check Out This Item", problemType(f.post(checkOut("P200", "I100", null)).getCheckOutItemResponse().getProblem()));
        assertEquals("Unknown Item", problemType(f.post(checkOut("P100", "NOPE", null)).getCheckOutItemResponse().getProblem()));
        assertEquals("Unknown User", problemType(f.post(checkOut("NOBODY", "I101", null)).getCheckOutItemResponse().getProblem()));

        NCIPMessage in = f.post(checkIn("I100"));
        assertTrue(in.getCheckInItemResponse().getProblem().isEmpty());
        assertEquals("P100", in.getCheckInItemResponse().getUserId().getUserIdentifierValue());
        assertEquals(ItemStatus.AVAILABLE, f.circ.store().runNow(tx -> tx.items().byBarcode("I100").orElseThrow().status()));
        // reshare's profile treats a repeated check-in as success; the generic one does not
        assertTrue(f.post(checkIn("I100")).getCheckInItemResponse().getProblem().isEmpty());
        assertEquals("Unknown Item", problemType(f.post(checkIn("NOPE")).getCheckInItemResponse().getProblem()));
    }

    @Test
    void checkInOfItemNotOnLoanIsAProblemForStrictPartners() throws Exception {
        try (NcipFixture strict = new NcipFixture(new org.stackbridge.ncip.config.NcipSettings(null, null, true, null, null, null, null, null))) {
            NCIPMessage m = strict.post(checkIn("I100").replace(reshare(), NcipFixture.header("anyone", null)));
            assertEquals("Item Not Checked Out", problemType(m.getCheckInItemResponse().getProblem()));
            assertEquals("I100", m.getCheckInItemResponse().getProblem().get(0).getProblemValue());
        }
    }

    @Test
    void checkOutRefusalsMapToProblems() throws Exception {
        f.circ.store().runNow(tx -> tx.patrons().addBlock(new PatronBlock(0, tx.patrons().byBarcode("P200").orElseThrow().id(), "DESK",
                true, false, false, "Owes money", NcipFixture.NOW, null)));
        assertEquals("User Blocked", problemType(f.post(checkOut("P200", "I101", null)).getCheckOutItemResponse().getProblem()));
        f.circ.store().runNow(tx -> {
            tx.items().update(tx.items().byBarcode("I101").orElseThrow().withStatus(ItemStatus.MISSING));
            return null;
        });
        assertEquals("User Ineligible To Check Out This Item", problemType(f.post(checkOut("P100", "I101", null)).getCheckOutItemResponse().getProblem()));
    }

    @Test
    void renewItem() throws Exception {
        f.post(checkOut("P100", "I100", null));
        f.clock.advance(java.time.Duration.ofDays(3));
        String renew = msg("<ns1:RenewItem>" + reshare() + "<ns1:UserId><ns1:UserIdentifierValue>P100</ns1:UserIdentifierValue></ns1:UserId>"
                + "<ns1:ItemId><ns1:ItemIdentifierValue>I100</ns1:ItemIdentifierValue></ns1:ItemId></ns1:RenewItem>");
        NCIPMessage m = f.post(renew);
        assertTrue(m.getRenewItemResponse().getProblem().isEmpty(), () -> problemType(m.getRenewItemResponse().getProblem()));
        assertEquals(BigInteger.ONE, m.getRenewItemResponse().getRenewalCount());
        f.post(renew);
        assertEquals("Maximum Renewals Exceeded", problemType(f.post(renew).getRenewItemResponse().getProblem()));
        assertEquals("Item Not Checked Out", problemType(f.post(renew.replace(">I100<", ">I101<")).getRenewItemResponse().getProblem()));
    }

    @Test
    void lookupItemAndItemSet() throws Exception {
        f.post(checkOut("P100", "I100", null));
        NCIPMessage m = f.post(msg("<ns1:LookupItem>" + reshare() + "<ns1:ItemId><ns1:ItemIdentifierValue>I100</ns1:ItemIdentifierValue></ns1:ItemId>"
                + "<ns1:ItemElementType>Bibliographic Description</ns1:ItemElementType></ns1:LookupItem>"));
        var fields = m.getLookupItemResponse().getItemOptionalFields();
        assertEquals("The Left Hand of Darkness", fields.getBibliographicDescription().getTitle());
        assertEquals("On Loan", fields.getCirculationStatus().getValue());
        assertNotNull(fields.getDateDue());
        assertEquals("QA76 I100", fields.getItemDescription().getCallNumber());
        assertEquals("MAIN", fields.getLocation().get(0).getLocationName().getLocationNameInstance().get(0).getLocationNameValue());
        assertEquals("Unknown Item", problemType(f.post(msg("<ns1:LookupItem>" + reshare()
                + "<ns1:ItemId><ns1:ItemIdentifierValue>X</ns1:ItemIdentifierValue></ns1:ItemId></ns1:LookupItem>")).getLookupItemResponse().getProblem()));

        NCIPMessage set = f.post(msg("<ns1:LookupItemSet>" + reshare() + "<ns1:BibliographicId><ns1:BibliographicRecordId>"
                + "<ns1:BibliographicRecordIdentifier>ocm0001</ns1:BibliographicRecordIdentifier></ns1:BibliographicRecordId></ns1:BibliographicId>"
                + "<ns1:BibliographicId><ns1:BibliographicRecordId><ns1:BibliographicRecordIdentifier>nope</ns1:BibliographicRecordIdentifier>"
                + "</ns1:BibliographicRecordId></ns1:BibliographicId><ns1:MaximumItemsCount>1</ns1:MaximumItemsCount></ns1:LookupItemSet>"));
        var bibs = set.getLookupItemSetResponse().getBibInformation();
        assertEquals(2, bibs.size());
        assertEquals(1, bibs.get(0).getHoldingsSet().get(0).getItemInformation().size());
        assertEquals("1", set.getLookupItemSetResponse().getNextItemToken());
        assertEquals("Unknown Item", problemType(bibs.get(1).getProblem()));
        NCIPMessage next = f.post(msg("<ns1:LookupItemSet>" + reshare() + "<ns1:BibliographicId><ns1:BibliographicRecordId>"
                + "<ns1:BibliographicRecordIdentifier>ocm0001</ns1:BibliographicRecordIdentifier></ns1:BibliographicRecordId></ns1:BibliographicId>"
                + "<ns1:MaximumItemsCount>1</ns1:MaximumItemsCount><ns1:NextItemToken>1</ns1:NextItemToken></ns1:LookupItemSet>"));
        assertEquals("I101", next.getLookupItemSetResponse().getBibInformation().get(0).getHoldingsSet().get(0).getItemInformation().get(0)
                .getItemId().getItemIdentifierValue());
        assertNull(next.getLookupItemSetResponse().getNextItemToken());
    }

    @Test
    void requestAndCancelAPlainHold() throws Exception {
        String request = msg("<ns1:RequestItem>" + reshare() + "<ns1:UserId><ns1:UserIdentifierValue>P200</ns1:UserIdentifierValue></ns1:UserId>"
                + "<ns1:BibliographicId><ns1:BibliographicRecordId><ns1:BibliographicRecordIdentifier>ocm0002</ns1:BibliographicRecordIdentifier>"
                + "</ns1:BibliographicRecordId></ns1:BibliographicId><ns1:RequestType>Hold</ns1:RequestType>"
                + "<ns1:RequestScopeType>Bibliographic Item</ns1:RequestScopeType></ns1:RequestItem>");
        NCIPMessage m = f.post(request);
        assertTrue(m.getRequestItemResponse().getProblem().isEmpty(), () -> problemType(m.getRequestItemResponse().getProblem()));
        assertNotNull(m.getRequestItemResponse().getRequestId().getRequestIdentifierValue());
        assertEquals("Duplicate Request", problemType(f.post(request).getRequestItemResponse().getProblem()));
        NCIPMessage cancel = f.post(msg("<ns1:CancelRequestItem>" + reshare() + "<ns1:UserId><ns1:UserIdentifierValue>P200</ns1:UserIdentifierValue></ns1:UserId>"
                + "<ns1:ItemId><ns1:ItemIdentifierValue>I200</ns1:ItemIdentifierValue></ns1:ItemId></ns1:CancelRequestItem>"));
        assertTrue(cancel.getCancelRequestItemResponse().getProblem().isEmpty(), () -> problemType(cancel.getCancelRequestItemResponse().getProblem()));
        assertEquals("Unknown Request", problemType(f.post(msg("<ns1:CancelRequestItem>" + reshare()
                + "<ns1:UserId><ns1:UserIdentifierValue>P200</ns1:UserIdentifierValue></ns1:UserId>"
                + "<ns1:RequestId><ns1:RequestIdentifierValue>never</ns1:RequestIdentifierValue></ns1:RequestId></ns1:CancelRequestItem>"))
                .getCancelRequestItemResponse().getProblem()));
    }

    @Test
    void recallItemShortensTheLoan() throws Exception {
        NCIPMessage out = f.post(checkOut("P100", "I100", null));
        Instant due = out.getCheckOutItemResponse().getDateDue().toGregorianCalendar().toInstant();
        NCIPMessage m = f.post(msg("<ns1:RecallItem>" + reshare() + "<ns1:ItemId><ns1:ItemIdentifierValue>I100</ns1:ItemIdentifierValue></ns1:ItemId>"
                + "</ns1:RecallItem>"));
        Instant recalled = m.getRecallItemResponse().getDateDue().toGregorianCalendar().toInstant();
        assertTrue(recalled.isBefore(due));
        assertEquals(NcipFixture.NOW.plus(java.time.Duration.ofDays(7)), recalled);
        assertEquals("Item Not Checked Out", problemType(f.post(msg("<ns1:RecallItem>" + reshare()
                + "<ns1:ItemId><ns1:ItemIdentifierValue>I101</ns1:ItemIdentifierValue></ns1:ItemId></ns1:RecallItem>")).getRecallItemResponse().getProblem()));
    }

    static String fiscal(String action, String type, String value, String ref, String related) {
        return msg("<ns1:CreateUserFiscalTransaction>" + reshare() + "<ns1:UserId><ns1:UserIdentifierValue>P100</ns1:UserIdentifierValue></ns1:UserId>"
                + "<ns1:FiscalTransactionInformation><ns1:FiscalActionType>" + action + "</ns1:FiscalActionType>"
                + (ref == null ? "" : "<ns1:FiscalTransactionReferenceId><ns1:FiscalTransactionIdentifierValue>" + ref
                + "</ns1:FiscalTransactionIdentifierValue></ns1:FiscalTransactionReferenceId>")
                + (related == null ? "" : "<ns1:RelatedFiscalTransactionReferenceId><ns1:FiscalTransactionIdentifierValue>" + related
                + "</ns1:FiscalTransactionIdentifierValue></ns1:RelatedFiscalTransactionReferenceId>")
                + "<ns1:FiscalTransactionType>" + type + "</ns1:FiscalTransactionType>"
                + "<ns1:Amount><ns1:CurrencyCode>USD</ns1:CurrencyCode><ns1:MonetaryValue>" + value + "</ns1:MonetaryValue></ns1:Amount>"
                + "</ns1:FiscalTransactionInformation></ns1:CreateUserFiscalTransaction>");
    }

    private Money balance() {
        return f.circ.port().execute(new Commands.LookupPatron(RequestContext.of(Channel.DESK, "t", "MAIN"), "P100", null))
                .toCompletableFuture().join().value().balance();
    }

    @Test
    void fiscalTransactionsAssessPayWaiveCancel() throws Exception {
        NCIPMessage assess = f.post(fiscal("Assess", "Interlibrary Loan Fee", "500", "rs-1", null));
        assertTrue(assess.getCreateUserFiscalTransactionResponse().getProblem().isEmpty());
        String feeId = assess.getCreateUserFiscalTransactionResponse().getFiscalTransactionReferenceId().getFiscalTransactionIdentifierValue();
        assertEquals(Money.of("5.00", "USD"), balance());
        // retry with the same reference: same answer, no second fee
        assertEquals(feeId, f.post(fiscal("Assess", "Interlibrary Loan Fee", "500", "rs-1", null)).getCreateUserFiscalTransactionResponse()
                .getFiscalTransactionReferenceId().getFiscalTransactionIdentifierValue());
        assertEquals(Money.of("5.00", "USD"), balance());
        assertTrue(f.post(fiscal("Payment", "Interlibrary Loan Fee", "200", "pay-1", feeId)).getCreateUserFiscalTransactionResponse().getProblem().isEmpty());
        assertEquals(Money.of("3.00", "USD"), balance());
        assertTrue(f.post(fiscal("Waive", "Interlibrary Loan Fee", "100", "w-1", feeId)).getCreateUserFiscalTransactionResponse().getProblem().isEmpty());
        assertTrue(f.post(fiscal("Cancel", "Interlibrary Loan Fee", "200", "c-1", feeId)).getCreateUserFiscalTransactionResponse().getProblem().isEmpty());
        assertEquals(Money.of("0.00", "USD"), balance());
        assertEquals("Invalid Amount", problemType(f.post(fiscal("Payment", "Fine", "100", "pay-2", null)).getCreateUserFiscalTransactionResponse().getProblem()));
        assertEquals("Needed Data Missing", problemType(f.post(fiscal("Waive", "Fine", "100", "w-2", null)).getCreateUserFiscalTransactionResponse().getProblem()));
        assertEquals("Element Rule Violated", problemType(f.post(fiscal("Juggle", "Fine", "100", "j-1", null)).getCreateUserFiscalTransactionResponse().getProblem()));
        String noTrans = msg("<ns1:CreateUserFiscalTransaction>" + reshare()
                + "<ns1:UserId><ns1:UserIdentifierValue>P100</ns1:UserIdentifierValue></ns1:UserId></ns1:CreateUserFiscalTransaction>");
        assertEquals("Needed Data Missing", problemType(f.post(noTrans).getCreateUserFiscalTransactionResponse().getProblem()));
    }

    @Test
    void lookupAgencyAndLookupVersion() throws Exception {
        NCIPMessage m = f.post(msg("<ns1:LookupAgency>" + reshare() + "<ns1:AgencyId>MAIN</ns1:AgencyId>"
                + "<ns1:AgencyElementType>Organization Name Information</ns1:AgencyElementType></ns1:LookupAgency>"));
        assertEquals("MAIN", m.getLookupAgencyResponse().getAgencyId().getValue());
        assertEquals("Unknown Agency", problemType(f.post(msg("<ns1:LookupAgency>" + reshare() + "<ns1:AgencyId>ELSEWHERE</ns1:AgencyId>"
                + "<ns1:AgencyElementType>Organization Name Information</ns1:AgencyElementType></ns1:LookupAgency>")).getLookupAgencyResponse().getProblem()));

        String version = "<?xml version=\"1.0\"?><NCIPVersionMessage version=\"1.0\"><LookupVersion><FromAgencyId><UniqueAgencyId><Scheme>s</Scheme>"
                + "<Value>them</Value></UniqueAgencyId></FromAgencyId><ToAgencyId><UniqueAgencyId><Scheme>s</Scheme><Value>MAIN</Value>"
                + "</UniqueAgencyId></ToAgencyId></LookupVersion></NCIPVersionMessage>";
        HttpResponse<String> r = f.postRaw("/ncip", "text/xml", version.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode());
        NcipFixture.validateVersion(r.body());
        assertTrue(r.body().contains("ncip_v2_02.xsd") && r.body().contains("<ServiceSupported>AcceptItem</ServiceSupported>"), r.body());
    }

    @Test
    void lenientInputForms() throws Exception {
        // no namespace at all, unqualified attributes, elements out of order (Relais style)
        String noNs = "<NCIPMessage version=\"http://www.niso.org/schemas/ncip/v2_02/ncip_v2_02.xsd\"><LookupUser>"
                + "<UserId><UserIdentifierValue>P100</UserIdentifierValue></UserId>"
                + "<InitiationHeader><FromAgencyId><AgencyId Scheme=\"x\">relais</AgencyId></FromAgencyId>"
                + "<ToAgencyId><AgencyId>MAIN</AgencyId></ToAgencyId></InitiationHeader></LookupUser></NCIPMessage>";
        HttpResponse<String> r = f.postRaw("/ncip", "text/xml", noNs.getBytes(StandardCharsets.UTF_8));
        NCIPMessage m = NcipFixture.parseValid(r.body());
        assertTrue(m.getLookupUserResponse().getProblem().isEmpty(), r.body());
        // v1-style DOCTYPE: the DTD is never fetched
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE NCIPMessage PUBLIC \"-//NISO//NCIP DTD Version 1//EN\" "
                + "\"http://www.niso.org/ncip/v1_0/imp1/dtd/ncip_v1_0.dtd\">" + noNs;
        m = NcipFixture.parseValid(f.postRaw("/ncip", "application/xml", doctype.getBytes(StandardCharsets.UTF_8)).body());
        assertTrue(m.getLookupUserResponse().getProblem().isEmpty());
        // CancelRequestItem without RequestType (ReShare) is read
        NCIPMessage c = f.post(msg("<ns1:CancelRequestItem>" + reshare() + "<ns1:UserId><ns1:UserIdentifierValue>P100</ns1:UserIdentifierValue></ns1:UserId>"
                + "<ns1:RequestId><ns1:RequestIdentifierValue>none</ns1:RequestIdentifierValue></ns1:RequestId></ns1:CancelRequestItem>"));
        assertEquals("Unknown Request", problemType(c.getCancelRequestItemResponse().getProblem()));
        // a form post with the XML in a field
        String form = "xml=" + java.net.URLEncoder.encode(lookupUser(reshare(), "P100", ""), StandardCharsets.UTF_8);
        m = NcipFixture.parseValid(f.postRaw("/ncip", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8)).body());
        assertTrue(m.getLookupUserResponse().getProblem().isEmpty());
    }

    @Test
    void ncipVersionOneMessagesAreMapped() throws Exception {
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE NCIPMessage PUBLIC \"-//NISO//NCIP DTD Version 1//EN\" "
                + "\"http://www.niso.org/ncip/v1_0/imp1/dtd/ncip_v1_0.dtd\"><NCIPMessage version=\"http://www.niso.org/ncip/v1_0/imp1/dtd/ncip_v1_0.dtd\">";
        String header = "<InitiationHeader><FromAgencyId><UniqueAgencyId><Scheme>http://example.org/agency.scm</Scheme>"
                + "<Value>relais</Value></UniqueAgencyId></FromAgencyId><ToAgencyId><UniqueAgencyId><Scheme>http://example.org/agency.scm</Scheme>"
                + "<Value>MAIN</Value></UniqueAgencyId></ToAgencyId></InitiationHeader>";
        String lookup = head + "<LookupUser>" + header + "<VisibleUserId><VisibleUserIdentifierType><Scheme>http://www.niso.org/ncip/v1_0/imp1/"
                + "schemes/visibleuseridentifiertype/visibleuseridentifiertype.scm</Scheme><Value>Barcode</Value></VisibleUserIdentifierType>"
                + "<VisibleUserIdentifier>P100</VisibleUserIdentifier></VisibleUserId></LookupUser></NCIPMessage>";
        // a v1 request gets a v1 answer (GatewayNcipDefectsIT checks its shape); read back through the v1 mapping
        NCIPMessage m = NcipFixture.parseV1(f.postRaw("/ncip", "text/xml", lookup.getBytes(StandardCharsets.UTF_8)).body());
        assertTrue(m.getLookupUserResponse().getProblem().isEmpty(), () -> problemType(m.getLookupUserResponse().getProblem()));
        assertEquals("P100", m.getLookupUserResponse().getUserId().getUserIdentifierValue());
        assertEquals("relais", m.getLookupUserResponse().getResponseHeader().getToAgencyId().getAgencyId().getValue());

        String checkout = head + "<CheckOutItem>" + header + "<UniqueUserId><UniqueAgencyId><Scheme>s</Scheme><Value>MAIN</Value></UniqueAgencyId>"
                + "<UserIdentifierValue>P100</UserIdentifierValue></UniqueUserId><UniqueItemId><UniqueAgencyId><Scheme>s</Scheme>"
                + "<Value>MAIN</Value></UniqueAgencyId><ItemIdentifierValue>I101</ItemIdentifierValue></UniqueItemId></CheckOutItem></NCIPMessage>";
        NCIPMessage out = NcipFixture.parseV1(f.postRaw("/ncip", "text/xml", checkout.getBytes(StandardCharsets.UTF_8)).body());
        assertTrue(out.getCheckOutItemResponse().getProblem().isEmpty(), () -> problemType(out.getCheckOutItemResponse().getProblem()));
        assertEquals(ItemStatus.CHECKED_OUT, f.circ.store().runNow(tx -> tx.items().byBarcode("I101").orElseThrow().status()));
    }

    @Test
    void samplesFromPartnersGetSchemaValidAnswers() throws Exception {
        // every mod-ncip sample, sent to an open-mode server, answers with schema-valid NCIP (success or Problem)
        try (NcipFixture open = new NcipFixture(new org.stackbridge.ncip.config.NcipSettings(null, null, true, null, null, null, null, null))) {
            java.nio.file.Path dir = java.nio.file.Path.of(NcipServicesIT.class.getResource("/ncip/samples").toURI());
            List<java.nio.file.Path> files;
            try (var s = java.nio.file.Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().startsWith("mockdata__")).sorted().toList();
            }
            assertTrue(files.size() > 20);
            for (java.nio.file.Path p : files) {
                HttpResponse<String> r = open.postRaw("/ncip", "application/xml", java.nio.file.Files.readAllBytes(p));
                assertEquals(200, r.statusCode(), p.toString());
                NcipFixture.parseValid(r.body());
            }
        }
    }
}
