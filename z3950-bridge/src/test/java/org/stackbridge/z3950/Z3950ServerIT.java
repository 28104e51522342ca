package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.z3950.ber.BerNode;
import org.stackbridge.z3950.client.Z3950Client;
import org.stackbridge.z3950.pdu.AttributeElement;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.RpnNode;
import org.stackbridge.z3950.pdu.Z3950Decoder;
import org.stackbridge.z3950.pdu.Z3950Encoder;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.pdu.Z3950Pdu.*;
import org.stackbridge.z3950.query.PqfParser;
import org.stackbridge.z3950.config.Z3950Settings;

/** The target driven by our own origin over real sockets: size rules, sets, limits, errors, auth, charset. */
@Timeout(60)
class Z3950ServerIT {

    private static Z3950ServerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new Z3950ServerFixture(Z3950Settings.defaults().withPort(0).withMaxResultSets(3));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Z3950Client client() throws IOException {
        Z3950Client c = new Z3950Client("127.0.0.1", fixture.server.port(), 10_000);
        assertTrue(c.init().result());
        return c;
    }

    private static SearchRequest search(String set, boolean replace, String pqf) {
        PqfParser.Pqf q = PqfParser.parse(pqf);
        return new SearchRequest("ref-1".getBytes(StandardCharsets.US_ASCII), 0, 1, 0, replace, set, List.of("Default"), null, null, null,
                1, q.attributeSet(), q.rpn());
    }

    @Test
    void referenceIdIsEchoedAndNamedSetsCombine() throws IOException {
        try (Z3950Client c = client()) {
            SearchResponse a = (SearchResponse) c.exchange(search("a", true, "@attr 1=1003 austen"));
            assertArrayEquals("ref-1".getBytes(StandardCharsets.US_ASCII), a.referenceId());
            assertEquals(357, a.resultCount());
            SearchResponse b = (SearchResponse) c.exchange(search("b", true, "@and @set a @attr 1=4 prejudice"));
            assertEquals(184, b.resultCount());
        }
    }

    @Test
    void replaceIndicatorOffOnAnExistingSetIsDiagnostic21() throws IOException {
        try (Z3950Client c = client()) {
            c.exchange(search("x", true, "@attr 1=4 pride"));
            SearchResponse r = (SearchResponse) c.exchange(search("x", false, "@attr 1=4 emma"));
            assertFalse(r.searchStatus());
            assertEquals(21, ((NonSurrogateDiagnostic) r.records()).diag().condition());
        }
    }

    @Test
    void resultSetLimitPerSessionIsDiagnostic112() throws IOException {
        try (Z3950Client c = client()) {
            for (String s : List.of("1", "2", "3")) {
                assertTrue(((SearchResponse) c.exchange(search(s, true, "@attr 1=4 pride"))).searchStatus());
            }
            SearchResponse r = (SearchResponse) c.exchange(search("4", true, "@attr 1=4 pride"));
            assertEquals(112, ((NonSurrogateDiagnostic) r.records()).diag().condition());
            // replacing an existing set is still allowed, deleting frees a slot
            assertTrue(((SearchResponse) c.exchange(search("3", true, "@attr 1=4 emma"))).searchStatus());
            DeleteResultSetResponse d = (DeleteResultSetResponse) c.exchange(new DeleteResultSetRequest(null, 0, List.of("1", "nope")));
            assertEquals(List.of(new DeleteStatus("1", 0), new DeleteStatus("nope", 1)), d.listStatuses());
            assertTrue(((SearchResponse) c.exchange(search("4", true, "@attr 1=4 pride"))).searchStatus());
        }
    }

    @Test
    void perElementBib1AttributeSetIsAccepted() throws IOException {
        try (Z3950Client c = client()) {
            RpnNode.AttributesPlusTerm t = new RpnNode.AttributesPlusTerm(
                    List.of(new AttributeElement(Oids.BIB1_ATTRIBUTES, 1, 4, null)), RpnNode.Term.general("pride"));
            SearchResponse r = (SearchResponse) c.exchange(new SearchRequest(null, 0, 1, 0, true, "s", List.of("Default"), null, null,
                    null, 101, Oids.BIB1_ATTRIBUTES, t));
            assertEquals(196, r.resultCount());
        }
    }

    @Test
    void unsupportedQueryTypeIs107() throws IOException {
        try (Z3950Client c = client()) {
            // searchRequest with query [21] { type-2 [2] OCTET STRING "ti=pride" } (CCL)
            BerNode req = BerNode.ctx(22, BerNode.ctxInt(13, 0), BerNode.ctxInt(14, 1), BerNode.ctxInt(15, 0), BerNode.ctxBool(16, true),
                    BerNode.ctxString(17, "s"), BerNode.ctx(18, BerNode.ctxString(105, "Default")),
                    BerNode.ctx(21, BerNode.ctx(2, BerNode.primitive(BerNode.UNIVERSAL, 4, "ti=pride".getBytes(StandardCharsets.US_ASCII)))));
            c.sendRaw(req.encode());
            SearchResponse ccl = assertInstanceOf(SearchResponse.class, c.receive());
            assertEquals(107, ((NonSurrogateDiagnostic) ccl.records()).diag().condition());
            assertEquals(196, c.search("Default", "@attr 1=4 pride").resultCount());
        }
    }

    @Test
    void presentObeysPreferredMessageSize() throws IOException {
        try (Z3950Client c = new Z3950Client("127.0.0.1", fixture.server.port(), 10_000)) {
            InitResponse init = (InitResponse) c.exchange(new InitRequest(null, 0b111, 0b11, 2500, 1 << 20, null, "t", "t", "t", null));
            assertEquals(2500, init.preferredMessageSize());
            c.exchange(search("s", true, "@attr 1=1003 austen"));
            PresentResponse p = (PresentResponse) c.present("s", 1, 10, Oids.USMARC, "F");
            assertEquals(2, p.presentStatus(), "partial-2 by message size");
            assertTrue(p.numberOfRecordsReturned() >= 1 && p.numberOfRecordsReturned() < 10);
            assertEquals(1 + p.numberOfRecordsReturned(), p.nextResultSetPosition());
        }
    }

    @Test
    void recordLargerThanTheExceptionalSizeIsSurrogate17() throws IOException {
        try (Z3950Client c = new Z3950Client("127.0.0.1", fixture.server.port(), 10_000)) {
            c.exchange(new InitRequest(null, 0b111, 0b11, 200, 200, null, "t", "t", "t", null));
            c.exchange(search("s", true, "@attr 1=1003 austen"));
            PresentResponse p = (PresentResponse) c.present("s", 1, 2, Oids.USMARC, "F");
            List<NamePlusRecord> recs = ((ResponseRecords) p.records()).records();
            assertEquals(17, recs.get(0).surrogateDiagnostic().condition());
        }
    }

    @Test
    void recordLargerThanThePreferredSizeIsSurrogate16UnlessAlone() throws IOException {
        try (Z3950Client c = new Z3950Client("127.0.0.1", fixture.server.port(), 10_000)) {
            c.exchange(new InitRequest(null, 0b111, 0b11, 200, 1 << 20, null, "t", "t", "t", null));
            c.exchange(search("s", true, "@attr 1=1003 austen"));
            PresentResponse two = (PresentResponse) c.present("s", 1, 2, Oids.USMARC, "F");
            assertEquals(16, ((ResponseRecords) two.records()).records().get(0).surrogateDiagnostic().condition());
            PresentResponse one = (PresentResponse) c.present("s", 1, 1, Oids.USMARC, "F");
            assertNotNull(((ResponseRecords) one.records()).records().get(0).record(), "a single requested record is sent");
        }
    }

    @Test
    void presentOutOfRangeIs13AndUnknownSetIs30() throws IOException {
        try (Z3950Client c = client()) {
            c.exchange(search("s", true, "@attr 1=7 0060933259"));
            PresentResponse p = (PresentResponse) c.present("s", 2, 1, Oids.USMARC, "F");
            assertEquals(13, ((NonSurrogateDiagnostic) p.records()).diag().condition());
            PresentResponse q = (PresentResponse) c.present("nosuch", 1, 1, Oids.USMARC, "F");
            assertEquals(30, ((NonSurrogateDiagnostic) q.records()).diag().condition());
            PresentResponse g = (PresentResponse) c.present("s", 1, 1, Oids.GRS1, "F");
            assertEquals(239, ((NonSurrogateDiagnostic) g.records()).diag().condition());
            assertEquals(Oids.GRS1, ((NonSurrogateDiagnostic) g.records()).diag().addinfo());
        }
    }

    @Test
    void piggybackedRecordsInTheSearchResponse() throws IOException {
        try (Z3950Client c = client()) {
            PqfParser.Pqf q = PqfParser.parse("@attr 1=7 0060933259");
            SearchResponse r = (SearchResponse) c.exchange(new SearchRequest(null, 5, 10, 2, true, "p", List.of("Default"), "F", "F",
                    Oids.XML, 1, q.attributeSet(), q.rpn()));
            assertEquals(1, r.numberOfRecordsReturned());
            External e = ((ResponseRecords) r.records()).records().get(0).record();
            assertTrue(new String(e.octetAligned(), StandardCharsets.UTF_8).contains("<controlfield tag=\"001\">"));
        }
    }

    @Test
    void garbageClosesOnlyThatConnection() throws Exception {
        try (Z3950Client good = client(); Z3950Client bad = new Z3950Client("127.0.0.1", fixture.server.port(), 10_000)) {
            bad.sendRaw(HexFormat.of().parseHex("b4850000000001ffff"));
            Close close = assertInstanceOf(Close.class, bad.receive());
            assertEquals(Close.PROTOCOL_ERROR, close.closeReason());
            assertThrows(IOException.class, () -> {
                bad.receive();
            });
            assertEquals(196, good.search("Default", "@attr 1=4 pride").resultCount());
        }
    }

    @Test
    void searchBeforeInitIsAProtocolError() throws IOException {
        try (Z3950Client c = new Z3950Client("127.0.0.1", fixture.server.port(), 10_000)) {
            Close close = assertInstanceOf(Close.class, c.exchange(search("s", true, "@attr 1=4 pride")));
            assertEquals(Close.PROTOCOL_ERROR, close.closeReason());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (Z3950Client c = client()) {
            byte[] a = Z3950Encoder.encode(search("a", true, "@attr 1=1003 austen"));
            byte[] b = Z3950Encoder.encode(search("b", true, "@attr 1=4 emma"));
            byte[] both = new byte[a.length + b.length];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            c.sendRaw(both);
            assertEquals(357, ((SearchResponse) c.receive()).resultCount());
            assertEquals(3, ((SearchResponse) c.receive()).resultCount());
        }
    }

    @Test
    void clientCloseIsAnswered() throws IOException {
        try (Z3950Client c = client()) {
            Close r = assertInstanceOf(Close.class, c.exchange(new Close(null, Close.FINISHED, null)));
            assertEquals(Close.FINISHED, r.closeReason());
        }
    }

    @Test
    void utf8CharsetProposalIsAccepted() throws IOException {
        try (Z3950Client c = new Z3950Client("127.0.0.1", fixture.server.port(), 10_000)) {
            InitResponse r = (InitResponse) c.exchange(new InitRequest(null, 0b111, (1L) | (1L << 1) | (1L << 17), 1 << 20, 1 << 20, null,
                    "t", "t", "t", new CharsetProposal(List.of("utf-8"), true)));
            assertEquals("utf-8", r.selectedCharset());
            assertTrue((r.options() & (1L << 17)) != 0);
        }
    }

    @Test
    void marc8OutputOnRequest() throws IOException {
        try (Z3950Client c = client()) {
            c.exchange(search("s", true, "@attr 1=7 0060933259"));
            PresentResponse p = (PresentResponse) c.present("s", 1, 1, Oids.USMARC, "marc8");
            byte[] rec = ((ResponseRecords) p.records()).records().get(0).record().octetAligned();
            assertEquals(' ', (char) rec[9], "leader/09 blank = MARC-8");
        }
    }

    @Test
    void oldestSetsAreDeletedBeyondTheSessionHitBoundAndReportedAs27() throws Exception {
        try (Z3950ServerFixture small = new Z3950ServerFixture(Z3950Settings.defaults().withPort(0).withMaxHitsPerSession(400));
             Z3950Client c = new Z3950Client("127.0.0.1", small.server.port(), 10_000)) {
            assertTrue(c.init().result());
            c.exchange(search("a", true, "@attr 1=1003 austen"));
            c.exchange(search("b", true, "@attr 1=4 pride"));
            PresentResponse gone = (PresentResponse) c.present("a", 1, 1, Oids.USMARC, "F");
            assertEquals(27, ((NonSurrogateDiagnostic) gone.records()).diag().condition());
            PresentResponse kept = (PresentResponse) c.present("b", 1, 1, Oids.USMARC, "F");
            assertEquals(1, kept.numberOfRecordsReturned());
        }
    }

    @Test
    void bindingAPortInUseFailsCleanly() {
        Z3950Settings taken = Z3950Settings.defaults().withPort(fixture.server.port());
        org.stackbridge.z3950.server.Z3950Server second = new org.stackbridge.z3950.server.Z3950Server(taken, fixture.index,
                fixture.circulation.port(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        assertThrows(IllegalStateException.class, second::start);
    }

    @Test
    void idleAssociationIsClosedWithLackOfActivity() throws Exception {
        try (Z3950ServerFixture idle = new Z3950ServerFixture(Z3950Settings.defaults().withPort(0).withIdleTimeoutSeconds(1));
             Z3950Client c = new Z3950Client("127.0.0.1", idle.server.port(), 10_000)) {
            assertTrue(c.init().result());
            Close close = assertInstanceOf(Close.class, c.receive());
            assertEquals(Close.LACK_OF_ACTIVITY, close.closeReason());
        }
    }

    @Test
    void authenticationRequiredRefusesBadPasswordsAndAcceptsGoodOnes() throws Exception {
        String hash = new SecretHasher(1000).hash("s3cret");
        Z3950Settings s = Z3950Settings.defaults().withPort(0).withAuthentication(new Z3950Settings.Authentication(true, Map.of("cat", hash)));
        try (Z3950ServerFixture auth = new Z3950ServerFixture(s)) {
            try (Z3950Client c = new Z3950Client("127.0.0.1", auth.server.port(), 10_000)) {
                InitResponse r = (InitResponse) c.exchange(new InitRequest(null, 0b111, 1, 1 << 20, 1 << 20,
                        new Authentication(Authentication.ID_PASS, null, "cat", "wrong"), "t", "t", "t", null));
                assertFalse(r.result());
                assertThrows(IOException.class, c::receive);
            }
            try (Z3950Client c = new Z3950Client("127.0.0.1", auth.server.port(), 10_000)) {
                InitResponse r = (InitResponse) c.exchange(new InitRequest(null, 0b111, 1, 1 << 20, 1 << 20,
                        new Authentication(Authentication.OPEN, null, "cat", "s3cret"), "t", "t", "t", null));
                assertTrue(r.result());
            }
        }
    }
}
