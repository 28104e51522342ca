package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.gateway.NcipTestMessages.item;
import static org.stackbridge.gateway.NcipTestMessages.msg;
import static org.stackbridge.gateway.NcipTestMessages.request;
import static org.stackbridge.gateway.NcipTestMessages.send;
import static org.stackbridge.gateway.NcipTestMessages.text;
import static org.stackbridge.gateway.NcipTestMessages.user;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.marc4j.MarcStreamWriter;
import org.marc4j.marc.MarcFactory;
import org.marc4j.marc.Record;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;

/**
 * The NCIP defects real partner clients found (issue #14), each driven over HTTP against the whole gateway
 * (HTTP port, Camel route, engine, H2).
 */
@Timeout(120)
class GatewayNcipDefectsIT {

    static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
    static final String V1_VERSION = "http://www.niso.org/ncip/v1_0/imp1/dtd/ncip_v1_0.dtd";

    @TempDir
    Path data;
    Gateway gateway;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateways.start(data, Clock.fixed(NOW, ZoneOffset.UTC),
                NcipTestMessages.reshareGateway(List.of("  read-timeout-seconds: 1"), List.of()));
        byte[] marc = marc("b2", "Zen and the art", "(OCoLC)ocm26273275", "0-306-40615-2 (pbk.)", "0317-8471", "   85000002 ");
        gateway.storage().write(tx -> {
            tx.patrons().insert(new Patron(0, "P1", null, "Probe, Patron 120", "ADULT", "probe@example.org", "555-0100",
                    "12 High Street\nSpringfield, IL 62704\nUS", LocalDate.of(2030, 1, 1), "MAIN", false));
            NcipTestMessages.partnerAndDune(tx, "I1", "I2");
            BibRecord zen = tx.bibs().insert(new BibRecord(0, "b2", "Zen and the art", null, "0306406152", null, null, marc));
            tx.items().insert(new Item(0, "Z1", zen.id(), "BOOK", "MAIN", "MAIN", "Stacks", "BJ1468.5 Z1", BigDecimal.TEN,
                    ItemStatus.AVAILABLE, null, null));
            return null;
        }).join();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    // ---- 1. NCIP v1 requests are answered in v1

    @Test
    void v1RequestsAreAnsweredInV1() throws Exception {
        String user = post(v1("LookupUser", "<UniqueUserId>" + v1Agency("RSH") + "<UserIdentifierValue>P1</UserIdentifierValue></UniqueUserId>"
                + "<UserElementType><Scheme>http://www.niso.org/ncip/v1_0/schemes/userelementtype/userelementtype.scm</Scheme>"
                + "<Value>Name Information</Value></UserElementType>"));
        assertV1(user, "LookupUserResponse");
        assertTrue(user.contains("<UniqueUserId>") && user.contains("<UniqueAgencyId>"), user);
        assertTrue(Pattern.compile("<AgencyUserPrivilegeType>\\s*<Scheme(?:/>|>[^<]*</Scheme>)\\s*<Value>STATUS</Value>").matcher(user).find(), user);
        assertFalse(user.contains("<Problem>"), user);

        String unknown = post(v1("CheckOutItem", "<UniqueUserId>" + v1Agency("RSH") + "<UserIdentifierValue>P1</UserIdentifierValue></UniqueUserId>"
                + "<UniqueItemId>" + v1Agency("MAIN") + "<ItemIdentifierValue>NOPE</ItemIdentifierValue></UniqueItemId>"));
        assertV1(unknown, "CheckOutItemResponse");
        assertTrue(unknown.contains("<Problem>") && unknown.contains("<ProcessingError>"), unknown);
        assertTrue(Pattern.compile("<ProcessingErrorType>\\s*<Scheme>http://www.niso.org/ncip/v1_0/schemes/processingerrortype/"
                + "checkoutitemprocessingerror.scm</Scheme>\\s*<Value>Unknown Item</Value>").matcher(unknown).find(), unknown);
        assertEquals("NOPE", text(unknown, "ProcessingErrorValue"), unknown);

        String checkedOut = post(v1("CheckOutItem", "<UniqueUserId>" + v1Agency("RSH") + "<UserIdentifierValue>P1</UserIdentifierValue></UniqueUserId>"
                + "<UniqueItemId>" + v1Agency("MAIN") + "<ItemIdentifierValue>I1</ItemIdentifierValue></UniqueItemId>"));
        assertV1(checkedOut, "CheckOutItemResponse");
        assertEquals("I1", text(checkedOut, "ItemIdentifierValue"), checkedOut);
        assertNotNull(text(checkedOut, "DateDue"), checkedOut);

        String renewed = post(v1("RenewItem", "<UniqueUserId>" + v1Agency("RSH") + "<UserIdentifierValue>P1</UserIdentifierValue></UniqueUserId>"
                + "<UniqueItemId>" + v1Agency("MAIN") + "<ItemIdentifierValue>I1</ItemIdentifierValue></UniqueItemId>"));
        assertV1(renewed, "RenewItemResponse");
        String lookedUp = post(v1("LookupItem", "<UniqueItemId>" + v1Agency("MAIN") + "<ItemIdentifierValue>I1</ItemIdentifierValue></UniqueItemId>"));
        assertV1(lookedUp, "LookupItemResponse");
        assertTrue(lookedUp.contains("<UniqueItemId>"), lookedUp);
        String checkedIn = post(v1("CheckInItem", "<UniqueItemId>" + v1Agency("MAIN") + "<ItemIdentifierValue>I1</ItemIdentifierValue></UniqueItemId>"));
        assertV1(checkedIn, "CheckInItemResponse");

        // ReShare's NCIP1 RequestItem names the title by UniqueBibliographicId
        String requested = post(v1("RequestItem", "<UniqueUserId>" + v1Agency("RSH") + "<UserIdentifierValue>ILL-PARTNER</UserIdentifierValue></UniqueUserId>"
                + "<UniqueBibliographicId><BibliographicRecordId><BibliographicRecordIdentifier>b1</BibliographicRecordIdentifier>"
                + "<BibliographicRecordIdentifierCode><Scheme>http://www.niso.org/ncip/v1_0/schemes/agency.scm</Scheme><Value>Local</Value>"
                + "</BibliographicRecordIdentifierCode></BibliographicRecordId></UniqueBibliographicId>"
                + "<UniqueRequestId>" + v1Agency("RSH") + "<RequestIdentifierValue>v1-req-1</RequestIdentifierValue></UniqueRequestId>"
                + "<RequestType><Scheme>http://www.niso.org/ncip/v1_0/imp1/schemes/requesttype/requesttype.scm</Scheme><Value>Loan</Value></RequestType>"
                + "<RequestScopeType><Scheme>http://www.niso.org/ncip/v1_0/imp1/schemes/requestscopetype/requestscopetype.scm</Scheme>"
                + "<Value>Bibliographic Item</Value></RequestScopeType>"));
        assertV1(requested, "RequestItemResponse");
        assertFalse(requested.contains("<Problem>"), requested);
        assertTrue(requested.contains("<UniqueRequestId>") && requested.contains(">v1-req-1<"), requested);

        String cancelled = post(v1("CancelRequestItem", "<UniqueUserId>" + v1Agency("RSH") + "<UserIdentifierValue>ILL-PARTNER</UserIdentifierValue></UniqueUserId>"
                + "<UniqueRequestId>" + v1Agency("RSH") + "<RequestIdentifierValue>v1-req-1</RequestIdentifierValue></UniqueRequestId>"));
        assertV1(cancelled, "CancelRequestItemResponse");
        assertFalse(cancelled.contains("<Problem>"), cancelled);

        String accepted = post(v1("AcceptItem", "<UniqueRequestId>" + v1Agency("RSH") + "<RequestIdentifierValue>v1-acc-1</RequestIdentifierValue></UniqueRequestId>"
                + "<RequestedActionType><Scheme>http://www.niso.org/ncip/v1_0/imp1/schemes/requestedactiontype/requestedactiontype.scm</Scheme>"
                + "<Value>Hold For Pickup</Value></RequestedActionType>"
                + "<UniqueUserId>" + v1Agency("RSH") + "<UserIdentifierValue>P1</UserIdentifierValue></UniqueUserId>"
                + "<UniqueItemId>" + v1Agency("RSH") + "<ItemIdentifierValue>V1-ILL-1</ItemIdentifierValue></UniqueItemId>"));
        assertV1(accepted, "AcceptItemResponse");
        assertFalse(accepted.contains("<Problem>"), accepted);
        assertEquals("V1-ILL-1", text(accepted, "ItemIdentifierValue"), accepted);

        // a refusal is a Problem a v1 client can find
        String refusedAgency = post(v1("LookupUser", "<UniqueUserId>" + v1Agency("RSH") + "<UserIdentifierValue>P1</UserIdentifierValue></UniqueUserId>")
                .replace("<FromAgencyAuthentication>s3cret</FromAgencyAuthentication>", "<FromAgencyAuthentication>wrong</FromAgencyAuthentication>"));
        assertV1(refusedAgency, "LookupUserResponse");
        assertTrue(refusedAgency.contains("<ProcessingErrorType>") && refusedAgency.contains("<Value>Agency Authentication Failed</Value>"),
                refusedAgency);
    }

    // ---- 2. BibliographicRecordId is matched by its identifier code

    @Test
    void bibliographicRecordIdIsMatchedByItsCode() throws Exception {
        assertTrue(itemSet("OCLC", "26273275").contains(">Z1<"), "OCLC number in 035 (OCoLC)ocm…");
        assertTrue(itemSet("OCLC", "ocn26273275").contains(">Z1<"), "OCLC number with an ocn prefix");
        assertTrue(itemSet("ISBN", "978-0-306-40615-7").contains(">Z1<"), "ISBN-13 of the ISBN-10 in 020");
        assertTrue(itemSet("ISSN", "03178471").contains(">Z1<"), "ISSN in 022");
        assertTrue(itemSet("LCCN", "85-2").contains(">Z1<") || itemSet("LCCN", "85000002").contains(">Z1<"), "LCCN in 010");
        assertTrue(itemSet("Local", "b2").contains(">Z1<"), "our control number");
        assertTrue(itemSet(null, "b1").contains(">I1<"), "no code: our control number");
        assertEquals("Unknown Item", text(itemSet("LCCN", "b1"), "ProblemType"), "an LCCN is not our 001");
        assertEquals("Unknown Item", text(itemSet("OCLC", "99999999"), "ProblemType"));

        String requested = post(msg("RequestItem", user("ILL-PARTNER") + bibId("OCLC", "(OCoLC)26273275") + request("reshare", "oclc-1")
                + "<ns1:RequestType>Loan</ns1:RequestType><ns1:RequestScopeType>Bibliographic Item</ns1:RequestScopeType>"));
        assertFalse(requested.contains("Problem>"), requested);
        assertEquals("Z1", text(requested, "ItemIdentifierValue"), requested);
    }

    // ---- 3. more than one lending request per title and partner

    @Test
    void aPartnerMayHoldSeveralLendingRequestsForOneTitle() throws Exception {
        String first = post(lendingRequest("reshare", "req-1"));
        assertFalse(first.contains("Problem>"), first);
        String second = post(lendingRequest("reshare", "req-2"));
        assertFalse(second.contains("Problem>"), second);
        assertEquals("req-2", text(second, "RequestIdentifierValue"), second);
        assertEquals(text(first, "ItemIdentifierValue"), text(post(lendingRequest("reshare", "req-1")), "ItemIdentifierValue"),
                "the same RequestId again is a replay");
    }

    // ---- 4. CancelRequestItem names the item of a title-level request

    @Test
    void cancelOfATitleLevelRequestAnswersWithItemAndRequest() throws Exception {
        post(lendingRequest("reshare", "req-9"));
        String cancelled = post(msg("CancelRequestItem", user("ILL-PARTNER") + request("reshare", "req-9")
                + "<ns1:RequestType>Loan</ns1:RequestType>"));
        assertFalse(cancelled.contains("Problem>"), cancelled);
        assertEquals("req-9", text(cancelled, "RequestIdentifierValue"), cancelled);
        assertNotNull(text(cancelled, "ItemIdentifierValue"), cancelled);
    }

    // ---- 5. "Last, First" names and a structured address

    @Test
    void lookupUserSplitsLastFirstNamesAndSendsAStructuredAddress() throws Exception {
        String found = post(msg("LookupUser", user("P1")));
        assertEquals("Probe", text(found, "Surname"), found);
        assertEquals("Patron 120", text(found, "GivenName"), found);
        assertEquals("12 High Street", text(found, "Line1"), found);
        assertEquals("Springfield", text(found, "Locality"), found);
        assertEquals("IL", text(found, "Region"), found);
        assertEquals("62704", text(found, "PostalCode"), found);
        assertEquals("US", text(found, "Country"), found);
        assertTrue(found.contains("<ns1:UnstructuredAddressData>"), found);
    }

    // ---- 6. DeleteItem removes the temporary item

    @Test
    void deletedTemporaryItemIsUnknownAndItsBarcodeFree() throws Exception {
        assertFalse(post(accept("acc-1", "ILL-7")).contains("Problem>"));
        String deleted = post(msg("DeleteItem", item("ILL-7")));
        assertFalse(deleted.contains("Problem>"), deleted);
        assertEquals("Unknown Item", text(post(msg("LookupItem", item("ILL-7"))), "ProblemType"));
        String again = post(accept("acc-2", "ILL-7"));
        assertFalse(again.contains("Problem>"), again);
        assertEquals("ILL-7", text(again, "ItemIdentifierValue"), again);
        long events = gateway.storage().read(tx -> tx.events().between(NOW.minusSeconds(3600), NOW.plusSeconds(3600), 1000).stream()
                .filter(e -> e.detail() != null && e.detail().contains("ILL-7")).count()).join();
        assertTrue(events >= 2, "history stays in the event log: " + events);
    }

    // ---- 7. smaller ones

    @Test
    void requestIdAgencyComesBackAsSent() throws Exception {
        String r = post(lendingRequest("ReShare-Lender", "req-case"));
        assertFalse(r.contains("Problem>"), r);
        Matcher m = Pattern.compile("<ns1:RequestId>\\s*<ns1:AgencyId>([^<]*)</ns1:AgencyId>").matcher(r);
        assertTrue(m.find(), r);
        assertEquals("ReShare-Lender", m.group(1), r);
    }

    @Test
    void extWrappedServiceIsNamedInTheProblem() throws Exception {
        String r = post("<?xml version=\"1.0\"?><ns1:NCIPMessage xmlns:ns1=\"http://www.niso.org/2008/ncip\" "
                + "ns1:version=\"http://www.niso.org/schemas/ncip/v2_02/ncip_v2_02.xsd\"><ns1:Ext><x:RenewAll xmlns:x=\"http://oclc.org/WCL/ncip/2011/extensions\">"
                + "<x:UserId>P1</x:UserId></x:RenewAll></ns1:Ext></ns1:NCIPMessage>");
        assertEquals("Unsupported Service", text(r, "ProblemType"), r);
        assertEquals("RenewAll", text(r, "ProblemElement"), r);
        assertFalse(r.contains("names no service"), r);
    }

    @Test
    void problemSchemesAreTheNcipDefinedOnes() throws Exception {
        List<String> defined = List.of("generalprocessingerror.scm", "lookupuserprocessingerror.scm", "lookupitemprocessingerror.scm",
                "checkoutitemprocessingerror.scm", "checkinitemprocessingerror.scm", "renewitemprocessingerror.scm",
                "requestitemprocessingerror.scm", "cancelrequestitemprocessingerror.scm", "acceptitemprocessingerror.scm");
        for (String answer : List.of(post(msg("DeleteItem", item("NOPE"))), post(msg("RecallItem", item("I2"))),
                post(msg("LookupItemSet", bibId(null, "nope"))), post(msg("LookupItem", item("NOPE"))))) {
            Matcher m = Pattern.compile("<ns1:ProblemType ns1:Scheme=\"([^\"]*)\"").matcher(answer);
            assertTrue(m.find(), answer);
            String scheme = m.group(1);
            assertTrue(scheme.startsWith("http://www.niso.org/ncip/v1_0/schemes/processingerrortype/")
                    && defined.contains(scheme.substring(scheme.lastIndexOf('/') + 1)), scheme + " in " + answer);
        }
    }

    @Test
    void checkOutAndRequestAnswersCarryLocationAndCallNumber() throws Exception {
        String out = post(msg("CheckOutItem", user("P1") + item("I1")));
        assertEquals("PS3558 I1", text(out, "CallNumber"), out);
        assertTrue(out.contains("<ns1:LocationNameValue>Stacks</ns1:LocationNameValue>"), out);
        String requested = post(lendingRequest("reshare", "req-loc"));
        assertTrue(requested.contains("<ns1:CallNumber>") && requested.contains("<ns1:Location>"), requested);
    }

    @Test
    @Timeout(20)
    void aBodyTrickledTooSlowlyGets408() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", gateway.httpPort()), 5000);
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /ncip HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/xml\r\nContent-Length: 500\r\n\r\n<ns1:NCIP")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // nothing more is sent: the server must not wait for ever
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                got.write(buf, 0, n);
                if (got.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
                    break;
                }
            }
            String response = got.toString(StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 408"), response);
        }
    }

    // ---- helpers

    private String post(String body) throws Exception {
        HttpResponse<String> r = send(http, gateway.httpPort(), body);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static void assertV1(String response, String wrapper) {
        assertFalse(response.contains("ns1:") || response.contains("http://www.niso.org/2008/ncip"), response);
        assertTrue(response.contains("<" + wrapper + ">"), response);
        assertTrue(response.contains("version=\"" + V1_VERSION + "\""), response);
    }

    private static String v1Agency(String value) {
        return "<UniqueAgencyId><Scheme>http://www.niso.org/ncip/v1_0/schemes/agency.scm</Scheme><Value>" + value + "</Value></UniqueAgencyId>";
    }

    private static String v1(String service, String inner) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE NCIPMessage PUBLIC \"-//NISO//NCIP DTD Version 1//EN\" \"http://www.niso.org/ncip/v1_0/imp1/dtd/ncip_v1_0.dtd\">\n"
                + "<NCIPMessage version=\"" + V1_VERSION + "\"><" + service + "><InitiationHeader><FromAgencyId>" + v1Agency("reshare")
                + "</FromAgencyId><FromAgencyAuthentication>s3cret</FromAgencyAuthentication><ToAgencyId>" + v1Agency("MAIN")
                + "</ToAgencyId></InitiationHeader>" + inner + "</" + service + "></NCIPMessage>";
    }

    private static String bibId(String code, String value) {
        return "<ns1:BibliographicId><ns1:BibliographicRecordId><ns1:BibliographicRecordIdentifier>" + value
                + "</ns1:BibliographicRecordIdentifier>" + (code == null ? "" : "<ns1:BibliographicRecordIdentifierCode>" + code
                + "</ns1:BibliographicRecordIdentifierCode>") + "</ns1:BibliographicRecordId></ns1:BibliographicId>";
    }

    private static String lendingRequest(String requestAgency, String requestId) {
        return msg("RequestItem", user("ILL-PARTNER") + bibId(null, "b1") + request(requestAgency, requestId)
                + "<ns1:RequestType>Loan</ns1:RequestType><ns1:RequestScopeType>Bibliographic Item</ns1:RequestScopeType>");
    }

    private static String accept(String requestId, String barcode) {
        return msg("AcceptItem", request("reshare", requestId) + "<ns1:RequestedActionType>Hold For Pickup</ns1:RequestedActionType>"
                + user("P1") + item(barcode) + "<ns1:ItemOptionalFields><ns1:BibliographicDescription><ns1:Title>Solaris</ns1:Title>"
                + "</ns1:BibliographicDescription></ns1:ItemOptionalFields><ns1:PickupLocation>MAIN</ns1:PickupLocation>");
    }

    private String itemSet(String code, String value) throws Exception {
        return post(msg("LookupItemSet", bibId(code, value)));
    }

    private static byte[] marc(String controlNumber, String title, String oclc, String isbn, String issn, String lccn) {
        MarcFactory f = MarcFactory.newInstance();
        Record r = f.newRecord("00000nam a2200000 a 4500");
        r.addVariableField(f.newControlField("001", controlNumber));
        r.addVariableField(f.newDataField("010", ' ', ' ', "a", lccn));
        r.addVariableField(f.newDataField("020", ' ', ' ', "a", isbn));
        r.addVariableField(f.newDataField("022", ' ', ' ', "a", issn));
        r.addVariableField(f.newDataField("035", ' ', ' ', "a", oclc));
        r.addVariableField(f.newDataField("245", '1', '0', "a", title));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MarcStreamWriter w = new MarcStreamWriter(out, "UTF-8");
        w.write(r);
        w.close();
        return out.toByteArray();
    }
}
