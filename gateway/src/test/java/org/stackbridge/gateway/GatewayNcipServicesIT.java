package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.gateway.NcipTestMessages.header;
import static org.stackbridge.gateway.NcipTestMessages.item;
import static org.stackbridge.gateway.NcipTestMessages.msg;
import static org.stackbridge.gateway.NcipTestMessages.request;
import static org.stackbridge.gateway.NcipTestMessages.send;
import static org.stackbridge.gateway.NcipTestMessages.text;
import static org.stackbridge.gateway.NcipTestMessages.user;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.security.SecretHasher;

/**
 * Every NCIP service over HTTP against the whole gateway (HTTP port, Camel route, engine, H2): the success path and
 * the main Problem paths, asserted on the XML partners receive.
 */
@Timeout(120)
class GatewayNcipServicesIT {

    static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path data;
    Gateway gateway;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateways.start(data, Clock.fixed(NOW, ZoneOffset.UTC), NcipTestMessages.reshareGateway(List.of(),
                List.of("    plain:", "      dialect: generic", "      shared-secret: pl4in")));
        String pin = SecretHasher.standard().hash("1234");
        gateway.storage().write(tx -> {
            tx.patrons().insert(new Patron(0, "P1", pin, "Ada Lovelace", "ADULT", "ada@example.org", "555-0100", "1 Main St",
                    LocalDate.of(2030, 1, 1), "MAIN", false));
            Patron blocked = tx.patrons().insert(new Patron(0, "P2", null, "Blocked Borrower", "ADULT", null, null, null,
                    LocalDate.of(2030, 1, 1), "MAIN", false));
            tx.patrons().addBlock(new PatronBlock(0, blocked.id(), "DESK", true, true, true, "Owes money", NOW.minusSeconds(60), null));
            NcipTestMessages.partnerAndDune(tx, "I1", "I2", "I3");
            return null;
        }).join();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    // ---- helpers (copied in spirit from the ncip-server tests, which this module cannot see)

    private String post(String body) throws Exception {
        HttpResponse<String> r = send(http, gateway.httpPort(), body);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"), r.headers().toString());
        return r.body();
    }

    private static String pin(String value) {
        return "<ns1:AuthenticationInput><ns1:AuthenticationInputData>" + value + "</ns1:AuthenticationInputData>"
                + "<ns1:AuthenticationDataFormatType>text</ns1:AuthenticationDataFormatType>"
                + "<ns1:AuthenticationInputType>PIN</ns1:AuthenticationInputType></ns1:AuthenticationInput>";
    }

    private static String fiscal(String action, String type, String value, String ref, String related) {
        return msg("CreateUserFiscalTransaction", user("P1") + "<ns1:FiscalTransactionInformation><ns1:FiscalActionType>" + action
                + "</ns1:FiscalActionType>"
                + (ref == null ? "" : "<ns1:FiscalTransactionReferenceId><ns1:FiscalTransactionIdentifierValue>" + ref
                + "</ns1:FiscalTransactionIdentifierValue></ns1:FiscalTransactionReferenceId>")
                + (related == null ? "" : "<ns1:RelatedFiscalTransactionReferenceId><ns1:FiscalTransactionIdentifierValue>" + related
                + "</ns1:FiscalTransactionIdentifierValue></ns1:RelatedFiscalTransactionReferenceId>")
                + "<ns1:FiscalTransactionType>" + type + "</ns1:FiscalTransactionType>"
                + "<ns1:Amount><ns1:CurrencyCode>USD</ns1:CurrencyCode><ns1:MonetaryValue>" + value + "</ns1:MonetaryValue></ns1:Amount>"
                + "</ns1:FiscalTransactionInformation>");
    }

    private static void ok(String response, String element) {
        assertFalse(response.contains("Problem>"), response);
        assertTrue(response.contains("<ns1:" + element), response);
    }

    private static void problem(String response, String wrapper, String type) {
        assertTrue(response.contains("<ns1:" + wrapper), response);
        assertEquals(type, text(response, "ProblemType"), response);
    }

    // ---- the services

    @Test
    void lookupVersionAndLookupAgency() throws Exception {
        String version = post("<?xml version=\"1.0\"?><NCIPVersionMessage version=\"1.0\"><LookupVersion><FromAgencyId><UniqueAgencyId>"
                + "<Scheme>s</Scheme><Value>them</Value></UniqueAgencyId></FromAgencyId><ToAgencyId><UniqueAgencyId><Scheme>s</Scheme>"
                + "<Value>MAIN</Value></UniqueAgencyId></ToAgencyId></LookupVersion></NCIPVersionMessage>");
        assertTrue(version.contains("LookupVersionResponse") && version.contains("ncip_v2_02.xsd")
                && version.contains("<ServiceSupported>AcceptItem</ServiceSupported>"), version);

        String agency = post(msg("LookupAgency", "<ns1:AgencyId>MAIN</ns1:AgencyId>"
                + "<ns1:AgencyElementType>Organization Name Information</ns1:AgencyElementType>"));
        ok(agency, "LookupAgencyResponse");
        assertEquals("MAIN", text(agency.substring(agency.indexOf("</ns1:ResponseHeader>")), "AgencyId"), agency);
        problem(post(msg("LookupAgency", "<ns1:AgencyId>ELSEWHERE</ns1:AgencyId>")), "LookupAgencyResponse", "Unknown Agency");
    }

    @Test
    void lookupUser() throws Exception {
        String found = post(msg("LookupUser", user("P1") + "<ns1:UserElementType>Name Information</ns1:UserElementType>"
                + "<ns1:UserElementType>User Address Information</ns1:UserElementType><ns1:UserElementType>User Privilege</ns1:UserElementType>"));
        ok(found, "LookupUserResponse");
        assertEquals("P1", text(found, "UserIdentifierValue"));
        assertEquals("Ada Lovelace", text(found, "UnstructuredPersonalUserName"));
        assertTrue(found.contains("ada@example.org") && found.contains("555-0100") && found.contains("1 Main St"), found);
        assertTrue(found.contains("<ns1:AgencyUserPrivilegeType>STATUS</ns1:AgencyUserPrivilegeType>"), found);
        assertTrue(found.contains("<ns1:UserPrivilegeStatusType>OK</ns1:UserPrivilegeStatusType>"), found);

        // only privileges asked for: UserOptionalFields is still there, without the name
        String privilegesOnly = post(msg("LookupUser", user("P1") + "<ns1:UserElementType>User Privilege</ns1:UserElementType>"));
        assertTrue(privilegesOnly.contains("<ns1:UserOptionalFields>") && !privilegesOnly.contains("Lovelace"), privilegesOnly);

        String blocked = post(msg("LookupUser", user("P2") + "<ns1:UserElementType>Block Or Trap</ns1:UserElementType>"));
        assertTrue(blocked.contains("<ns1:UserPrivilegeStatusType>BLOCKED</ns1:UserPrivilegeStatusType>"), blocked);
        assertTrue(blocked.contains("Owes money"), blocked);

        String unknown = post(msg("LookupUser", user("NOBODY")));
        problem(unknown, "LookupUserResponse", "Unknown User");
        assertEquals("NOBODY", text(unknown, "ProblemValue"));
        problem(post(msg("LookupUser", user("P1") + pin("0000"))), "LookupUserResponse", "User Authentication Failed");
        ok(post(msg("LookupUser", user("P1") + pin("1234"))), "LookupUserResponse");
    }

    @Test
    void lookupItemAndItemSet() throws Exception {
        String found = post(msg("LookupItem", item("I1") + "<ns1:ItemElementType>Bibliographic Description</ns1:ItemElementType>"
                + "<ns1:ItemElementType>Circulation Status</ns1:ItemElementType>"));
        ok(found, "LookupItemResponse");
        assertEquals("Dune", text(found, "Title"));
        assertEquals("PS3558 I1", text(found, "CallNumber"));
        assertTrue(found.contains("<ns1:CirculationStatus"), found);
        problem(post(msg("LookupItem", item("NOPE"))), "LookupItemResponse", "Unknown Item");

        String set = post(msg("LookupItemSet", "<ns1:BibliographicId><ns1:BibliographicRecordId><ns1:BibliographicRecordIdentifier>b1"
                + "</ns1:BibliographicRecordIdentifier></ns1:BibliographicRecordId></ns1:BibliographicId>"));
        assertTrue(set.contains("<ns1:LookupItemSetResponse") && !set.contains("Problem>"), set);
        assertTrue(set.contains(">I1<") && set.contains(">I2<") && set.contains(">I3<"), set);
        String none = post(msg("LookupItemSet", "<ns1:BibliographicId><ns1:BibliographicRecordId><ns1:BibliographicRecordIdentifier>nope"
                + "</ns1:BibliographicRecordIdentifier></ns1:BibliographicRecordId></ns1:BibliographicId>"));
        problem(none, "LookupItemSetResponse", "Unknown Item");
    }

    @Test
    void checkOutCheckInAndRenew() throws Exception {
        String out = post(msg("CheckOutItem", user("P1") + item("I1")));
        ok(out, "CheckOutItemResponse");
        // 21 days, due at the end of the day
        assertEquals("2026-11-23T23:59:59Z", text(out, "DateDue").replace(".000", ""));
        assertEquals(ItemStatus.CHECKED_OUT, gateway.storage().read(tx -> tx.items().byBarcode("I1")).join().orElseThrow().status());
        // a retry answers as the first did
        assertEquals(text(out, "DateDue"), text(post(msg("CheckOutItem", user("P1") + item("I1"))), "DateDue"));
        problem(post(msg("CheckOutItem", user("P2") + item("I2"))), "CheckOutItemResponse", "User Blocked");
        problem(post(msg("CheckOutItem", user("ILL-PARTNER") + item("I1"))), "CheckOutItemResponse",
                "User Ineligible To Check Out This Item");
        problem(post(msg("CheckOutItem", user("P1") + item("NOPE"))), "CheckOutItemResponse", "Unknown Item");

        String renewed = post(msg("RenewItem", user("P1") + item("I1")));
        ok(renewed, "RenewItemResponse");
        assertEquals("1", text(renewed, "RenewalCount"));
        problem(post(msg("RenewItem", user("P1") + item("I1"))), "RenewItemResponse", "Maximum Renewals Exceeded");
        problem(post(msg("RenewItem", user("P1") + item("I2"))), "RenewItemResponse", "Item Not Checked Out");

        String in = post(msg("CheckInItem", item("I1")));
        ok(in, "CheckInItemResponse");
        assertEquals(ItemStatus.AVAILABLE, gateway.storage().read(tx -> tx.items().byBarcode("I1")).join().orElseThrow().status());
        // per dialect: ReShare's profile treats a check-in of an item not on loan as done, the generic one does not
        ok(post(msg("CheckInItem", item("I1"))), "CheckInItemResponse");
        String strict = post(msg("CheckInItem", header("plain", "pl4in"), item("I1")));
        problem(strict, "CheckInItemResponse", "Item Not Checked Out");
        assertEquals("I1", text(strict, "ProblemValue"));
        problem(post(msg("CheckInItem", item("NOPE"))), "CheckInItemResponse", "Unknown Item");
    }

    @Test
    void requestCancelAndRecall() throws Exception {
        String hold = msg("RequestItem", user("P1") + "<ns1:BibliographicId><ns1:BibliographicRecordId><ns1:BibliographicRecordIdentifier>b1"
                + "</ns1:BibliographicRecordIdentifier></ns1:BibliographicRecordId></ns1:BibliographicId>"
                + "<ns1:RequestType>Hold</ns1:RequestType><ns1:RequestScopeType>Bibliographic Item</ns1:RequestScopeType>");
        String placed = post(hold);
        ok(placed, "RequestItemResponse");
        assertTrue(text(placed, "RequestIdentifierValue") != null, placed);
        problem(post(hold), "RequestItemResponse", "Duplicate Request");

        String cancelled = post(msg("CancelRequestItem", user("P1") + item("I1")));
        ok(cancelled, "CancelRequestItemResponse");
        problem(post(msg("CancelRequestItem", user("P1") + "<ns1:RequestId><ns1:RequestIdentifierValue>never</ns1:RequestIdentifierValue>"
                + "</ns1:RequestId>")), "CancelRequestItemResponse", "Unknown Request");

        String due = text(post(msg("CheckOutItem", user("P1") + item("I2"))), "DateDue");
        String recalled = post(msg("RecallItem", item("I2")));
        ok(recalled, "RecallItemResponse");
        assertTrue(Instant.parse(text(recalled, "DateDue")).isBefore(Instant.parse(due)), recalled);
        problem(post(msg("RecallItem", item("I3"))), "RecallItemResponse", "Item Not Checked Out");
    }

    @Test
    void acceptAndDeleteItem() throws Exception {
        String accept = msg("AcceptItem", request("reshare", "r-1") + "<ns1:RequestedActionType>Hold For Pickup</ns1:RequestedActionType>"
                + user("P1") + item("ILL-1") + "<ns1:ItemOptionalFields><ns1:BibliographicDescription><ns1:Title>Solaris</ns1:Title>"
                + "</ns1:BibliographicDescription></ns1:ItemOptionalFields><ns1:PickupLocation>MAIN</ns1:PickupLocation>");
        String accepted = post(accept);
        ok(accepted, "AcceptItemResponse");
        assertEquals("ILL-1", text(accepted, "ItemIdentifierValue"));
        assertEquals(ItemStatus.ON_HOLD_SHELF, gateway.storage().read(tx -> tx.items().byBarcode("ILL-1")).join().orElseThrow().status());
        assertEquals(accepted, post(accept), "a retry with the same RequestId answers as the first did");
        problem(post(accept.replace(">r-1<", ">r-2<")), "AcceptItemResponse", "Duplicate Item");

        String deleted = post(msg("DeleteItem", item("ILL-1")));
        ok(deleted, "DeleteItemResponse");
        assertTrue(gateway.storage().read(tx -> tx.items().byBarcode("ILL-1")).join().isEmpty()
                || gateway.storage().read(tx -> tx.items().byBarcode("ILL-1")).join().orElseThrow().status() != ItemStatus.ON_HOLD_SHELF);
        problem(post(msg("DeleteItem", item("NOPE"))), "DeleteItemResponse", "Unknown Item");
    }

    @Test
    void createUserFiscalTransaction() throws Exception {
        String assessed = post(fiscal("Assess", "Interlibrary Loan Fee", "500", "rs-1", null));
        ok(assessed, "CreateUserFiscalTransactionResponse");
        String feeId = text(assessed, "FiscalTransactionIdentifierValue");
        assertTrue(feeId != null && !feeId.isBlank(), assessed);
        String paid = post(fiscal("Payment", "Interlibrary Loan Fee", "200", "pay-1", feeId));
        ok(paid, "CreateUserFiscalTransactionResponse");
        String account = post(msg("LookupUser", user("P1") + "<ns1:UserFiscalAccountDesired/>"));
        assertEquals("300", text(account, "MonetaryValue"), account);
        // more than is owed, and a currency that does not exist
        problem(post(fiscal("Payment", "Fine", "99900", "pay-2", null)), "CreateUserFiscalTransactionResponse", "Invalid Amount");
        problem(post(fiscal("Assess", "Interlibrary Loan Fee", "500", "zzz-1", null).replace(">USD<", ">ZZZ<")),
                "CreateUserFiscalTransactionResponse", "Invalid Amount");
        assertEquals("300", text(post(msg("LookupUser", user("P1") + "<ns1:UserFiscalAccountDesired/>")), "MonetaryValue"),
                "refused transactions change nothing");
    }

    @Test
    void messageLevelProblems() throws Exception {
        String unsupported = post(msg("UndoCheckOutItem", item("I1")));
        assertEquals("Unsupported Service", text(unsupported, "ProblemType"), unsupported);
        assertEquals("UndoCheckOutItem", text(unsupported, "ProblemElement"));

        problem(post(msg("LookupUser", header("stranger", null), user("P1"))), "LookupUserResponse", "Unknown Agency");
        problem(post(msg("LookupUser", header("reshare", "wrong"), user("P1"))), "LookupUserResponse", "Agency Authentication Failed");
        problem(post(msg("CheckOutItem", header("reshare", null), user("P1") + item("I3"))), "CheckOutItemResponse",
                "Agency Authentication Failed");
        assertEquals(ItemStatus.AVAILABLE, gateway.storage().read(tx -> tx.items().byBarcode("I3")).join().orElseThrow().status(),
                "a refused agency changes nothing");
        assertEquals("Invalid Message Syntax Error", text(post("<ns1:NCIPMessage xmlns:ns1=\"http://www.niso.org/2008/ncip\"><ns1:Look"),
                "ProblemType"));
    }
}
