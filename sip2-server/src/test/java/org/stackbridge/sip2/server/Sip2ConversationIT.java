package org.stackbridge.sip2.server;

import static org.junit.jupiter.api.Assertions.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.Sip2MessageType;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Self-check conversations over a real socket against Sip2Server on the in-memory engine. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Sip2ConversationIT extends Sip2ServerFixture {

    private static final String DATE = "20260115    100000";

    private Views.PatronInfo patron(String barcode) throws Exception {
        Outcome<Views.PatronInfo> o = t.circ.port().execute(new Commands.LookupPatron(RequestContext.of(Channel.DESK, "test", null), barcode, null))
                .toCompletableFuture().get();
        return o.value();
    }

    @Test
    void aCompleteSelfCheckSession() throws Exception {
        try (Sip2Client c = t.connect()) {
            Sip2Message status = c.send(rq.scStatus());
            assertEquals(Sip2MessageType.ACS_STATUS_RESPONSE, status.type(), "99 is answered before login");
            assertEquals("941", c.sendRaw("9300CNkiosk1|COsecret|CPMAIN|"));
            status = c.send(rq.scStatus());
            assertEquals("Y", status.fixed(ONLINE_STATUS));
            assertEquals("YYYYYYYYYYYYYYYY", status.field(BX));
            assertEquals(DATE, status.fixed(DATE_TIME_SYNC));
            assertEquals("INST1", status.field(AO));
            assertEquals("Main Library", status.field(AM));
            assertEquals("MAIN", status.field(AN));

            Sip2Message ps = c.send(rq.patronStatus("P1", "1234"));
            assertEquals(Sip2MessageType.PATRON_STATUS_RESPONSE, ps.type());
            assertEquals(" ".repeat(14), ps.fixed(PATRON_STATUS));
            assertEquals("Y", ps.field(BL));
            assertEquals("Y", ps.field(CQ));
            assertEquals("Patron P1", ps.field(AE));
            assertEquals("0.00", ps.field(BV));

            Sip2Message out = c.send(rq.checkout("P1", "I1", "1234"));
            assertEquals("1NNY" + DATE, String.join("", out.fixedValues()));
            assertEquals("Le Piège de Bogota", out.field(AJ));
            assertTrue(out.field(AH).matches("\\d{8} {4}\\d{6}"), out.field(AH));
            assertEquals("001", out.field(CK));
            c.send(rq.checkout("P1", "I2", "1234"));
            c.send(rq.checkout("P1", "I3", null));

            Sip2Message info = c.send(rq.patronInformation("P1", "1234", 2, 2, 3));
            assertEquals("0003", info.fixed(CHARGED_ITEMS_COUNT));
            assertEquals(2, info.all(AU).size(), "BP/BQ select items 2..3 of the charged list");
            assertEquals("P1@example.org", info.field(BE));
            assertEquals("20990101    000000", info.field(PA));
            assertEquals("Y", info.field(CQ));

            Sip2Message renew = c.send(rq.renew("P1", "I1"));
            assertEquals("1", renew.fixed(OK));
            assertEquals("Y", renew.fixed(RENEWAL_OK));

            // P2 places a hold on I1's title; the check-in traps it
            Sip2Message hold = c.send(rq.hold('+', "P2", "I1", "MAIN"));
            assertEquals("1", hold.fixed(OK), hold.toString());
            assertEquals("1", hold.field(BR));
            Sip2Message in = c.send(rq.checkin("I1", "MAIN"));
            assertEquals("1", in.fixed(OK));
            assertEquals("Y", in.fixed(ALERT));
            assertEquals("01", in.field(CV));
            assertEquals("H1", in.field(CL));
            assertEquals("P2", in.field(CY));
            assertEquals("MAIN", in.field(AQ));

            // the trapped item cannot go to P1
            Sip2Message refused = c.send(rq.checkout("P1", "I1", "1234"));
            assertEquals("0", refused.fixed(OK));
            assertEquals("Item is on hold for another patron", refused.field(AF));
            assertEquals("Le Piège de Bogota", refused.field(AJ));

            // hold place and cancel
            assertEquals("1", c.send(rq.hold('+', "P1", "I5", "MAIN")).fixed(OK));
            Sip2Message cancel = c.send(rq.hold('-', "P1", "I5", null));
            assertEquals("1", cancel.fixed(OK), cancel.toString());

            // fee paid
            t.circ.port().execute(new Commands.AssessFee(RequestContext.of(Channel.DESK, "staff", "INST1"), "P1", FeeType.MANUAL,
                    Money.of("3.00", "USD"), null, "Lost card")).toCompletableFuture().get();
            Sip2Message fines = c.send(rq.patronInformation("P1", null, 3, null, null));
            assertEquals("0001", fines.fixed(FINE_ITEMS_COUNT));
            assertEquals("3.00", fines.field(BV));
            String feeId = fines.field(AV).split(" ")[0];
            Sip2Message paid = c.send(rq.feePaid("P1", "1.00", "USD", feeId, "TX-1"));
            assertEquals("Y", paid.fixed(PAYMENT_ACCEPTED), paid.toString());
            assertEquals("TX-1", paid.field(BK));
            assertEquals("2.00", c.send(rq.patronStatus("P1", null)).field(BV));

            Sip2Message end = c.send(rq.endSession("P1"));
            assertEquals("Y", end.fixed(END_SESSION));
        }
    }

    @Test
    void aRetransmittedRequestIsReplayedWithoutActingAgain() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            Sip2Message first = c.send(rq.checkout("P1", "I2", null));
            assertEquals("1", first.fixed(OK));
            assertEquals("N", first.fixed(RENEWAL_OK));
            Sip2Message again = c.retransmit();
            assertEquals(first, again, "same AY and content: the stored response");
            assertEquals(0, patron("P1").loans().get(0).renewals(), "no second checkout (which would renew)");
            // a new request with the next AY acts
            Sip2Message second = c.send(rq.checkout("P1", "I2", null));
            assertEquals("Y", second.fixed(RENEWAL_OK));
            assertEquals(1, patron("P1").loans().get(0).renewals());
            // no second renewal
            assertEquals("1", c.send(rq.renew("P1", "I2")).fixed(OK));
            assertEquals("1", c.retransmit().fixed(OK));
            assertEquals(2, patron("P1").loans().get(0).renewals());
            // no second payment
            t.circ.port().execute(new Commands.AssessFee(RequestContext.of(Channel.DESK, "staff", "INST1"), "P1", FeeType.MANUAL,
                    Money.of("5.00", "USD"), null, "fee")).toCompletableFuture().get();
            assertEquals("Y", c.send(rq.feePaid("P1", "2.00", "USD", null, null)).fixed(PAYMENT_ACCEPTED));
            assertEquals("Y", c.retransmit().fixed(PAYMENT_ACCEPTED));
            assertEquals("3.00", patron("P1").balance().toPlainString());
        }
    }

    @Test
    void aRetransmissionAfterReconnectIsReplayedWithinTheWindow() throws Exception {
        byte[] request;
        Sip2Message first;
        try (Sip2Client c = t.kiosk1()) {
            first = c.send(rq.feePaid("P1", "1.00", "USD", null, null));
            request = c.lastRequest();
        }
        t.circ.port().execute(new Commands.AssessFee(RequestContext.of(Channel.DESK, "staff", "INST1"), "P1", FeeType.MANUAL,
                Money.of("3.00", "USD"), null, "fee")).toCompletableFuture().get();
        try (Sip2Client c = t.kiosk1()) {
            Sip2Message out = c.send(rq.checkout("P1", "I3", null));
            byte[] checkoutRequest = c.lastRequest();
            assertEquals("1", out.fixed(OK));
            c.close();
            try (Sip2Client d = t.kiosk1()) {
                assertEquals("Y", d.send(rq.scStatus()).fixed(ONLINE_STATUS), "a status poll before the retransmission");
                d.writeRaw(checkoutRequest);
                Sip2Message replayed = d.readMessage();
                assertEquals(out, replayed);
                assertEquals(0, patron("P1").loans().get(0).renewals(), "the checkout was not repeated");
                // issue #14: the fee payment is not the terminal's previous request, so its bytes sent again are a new
                // payment (before, the engine's stored refusal of the first one was replayed and nothing was paid)
                d.writeRaw(request);
                assertNotEquals(first, d.readMessage(), "a repeat that is not a retransmission is a new transaction");
                assertEquals("2.00", patron("P1").balance().toPlainString());
            }
        }
    }

    /** Logs kiosk1 in on another listener of the same engine: a second gateway node on the same database. */
    private static Sip2Client kiosk1On(Sip2Server node, Sip2Requests rq) throws Exception {
        Sip2Client c = Sip2Client.connect("127.0.0.1", node.port());
        assertEquals("1", c.send(rq.login("kiosk1", "secret", "MAIN")).fixed(OK));
        return c;
    }

    @Test
    void aRetransmissionAfterReconnectingToAnotherNodeIsReplayedFromTheSharedRequestKeys() throws Exception {
        try (Sip2Server nodeB = new Sip2Server(Sip2TestServer.settings(), t.circ.port(), t.registry, t.clock).start()) {
            // several requests on node A, so its key for the last one carries a suffix only node A knows
            Sip2Message out;
            byte[] checkoutRequest;
            try (Sip2Client a = t.kiosk1()) {
                assertEquals("1", a.send(rq.checkout("P1", "I3", null)).fixed(OK));
                assertEquals("1", a.send(rq.checkin("I3", "MAIN")).fixed(OK));
                out = a.send(rq.checkout("P1", "I3", null));
                checkoutRequest = a.lastRequest();
                assertEquals("1", out.fixed(OK));
            }
            // the answer was "lost"; the kiosk reconnects through the load balancer and lands on node B
            try (Sip2Client b = kiosk1On(nodeB, rq)) {
                b.writeRaw(checkoutRequest);
                assertEquals(out, b.readMessage(), "node B answers the retransmission with the stored outcome");
                assertEquals(0, patron("P1").loans().get(0).renewals(), "the checkout was not repeated as a renewal");
                // once answered, the same bytes again on the same connection are still that retransmission
                b.writeRaw(checkoutRequest);
                assertEquals(out, b.readMessage());
                assertEquals(0, patron("P1").loans().get(0).renewals());
                // a new request after it acts
                assertEquals("1", b.send(rq.checkin("I3", "MAIN")).fixed(OK));
            }
        }
    }

    @Test
    void resend97ReturnsTheLastResponseByteIdentical() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            c.send(rq.checkout("P1", "I4", null));
            String last = c.sendRaw("97AZFEF5");
            Sip2Message info = c.send(rq.itemInformation("I4"));
            assertEquals("04", info.fixed(CIRCULATION_STATUS));
            String infoAgain = c.sendRaw("97AZFEF5");
            assertTrue(infoAgain.startsWith("1804"), infoAgain);
            assertNotEquals(last, infoAgain);
            assertEquals(infoAgain, c.sendRaw("97"));
        }
    }

    @Test
    void aBadChecksumGets96AndIsNotExecuted() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            assertEquals("96AZFEF6", c.sendRaw("11YN20260115    10000020260115    100000AOINST1|AAP1|ABI5|AC|AY4AZ0000"));
            assertTrue(patron("P1").loans().isEmpty());
            assertEquals("96AZFEF6", c.sendRaw("97AZFEF5"), "97 resends the 96");
            assertEquals("96", c.sendRaw("ZZ unknown"), "unknown message code: 96");
        }
    }

    @Test
    void twoInstitutionsAreKeptApart() throws Exception {
        Sip2Requests rq2 = t.requests("INST2");
        try (Sip2Client c = t.connect()) {
            assertEquals("1", c.send(rq2.login("kiosk2", "pw2", null)).fixed(OK));
            Sip2Message foreignAo = c.send(rq.checkout("P1", "I1", null));
            assertEquals("0", foreignAo.fixed(OK));
            assertEquals("Institution not served by this terminal", foreignAo.field(AF));
            Sip2Message ownAo = c.send(rq2.checkout("P1", "I1", null));
            assertEquals("0", ownAo.fixed(OK), "INST1's patron is invisible in INST2");
            Sip2Message status = c.send(rq2.patronStatus("P1", null));
            assertEquals("N", status.field(BL));
            assertEquals("YYYY", status.fixed(PATRON_STATUS).substring(0, 4));
            assertEquals("1", c.send(rq2.checkout("Q1", "X1", "1111")).fixed(OK));
            assertEquals("0", c.send(rq2.checkout("Q1", "I1", null)).fixed(OK));
        }
        assertTrue(patron("P1").loans().isEmpty());
    }

    @Test
    void requestsBeforeLoginAreRefusedAndFailedLoginsAreThrottled() throws Exception {
        try (Sip2Client c = t.connect()) {
            Sip2Message r = c.send(rq.checkout("P1", "I1", null));
            assertEquals("0", r.fixed(OK));
            assertEquals("Terminal not logged in", r.field(AF));
            for (int i = 0; i < 3; i++) {
                assertEquals("0", c.send(rq.login("kiosk1", "wrong", null)).fixed(OK));
            }
            assertEquals("0", c.send(rq.login("kiosk1", "secret", null)).fixed(OK), "penalty window: even the right password is refused");
        }
        assertTrue(t.registry.find("stackbridge.sip2.errors").tag("kind", "login-failed").counter().count() >= 3);
    }

    @Test
    void garbageAndOversizeCloseTheConnectionAndTheServerKeepsServing() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            for (int i = 0; i < 4; i++) {
                assertEquals("96", c.sendRaw("\u0001\u0002garbage" + i));
            }
            c.writeRaw("@@@@@\r".getBytes(StandardCharsets.US_ASCII));
            assertEquals("96", c.readLine());
            assertTrue(c.awaitClosed(), "closed after 5 consecutive errors");
        }
        try (Sip2Client c = t.kiosk1()) {
            c.writeRaw(("63" + "x".repeat(5000)).getBytes(StandardCharsets.US_ASCII));
            assertTrue(c.awaitClosed(), "oversized frame closes the connection");
        }
        assertEquals(1.0, t.registry.find("stackbridge.sip2.errors").tag("kind", "oversize").counter().count());
        try (Sip2Client c = t.kiosk1()) {
            assertEquals("1", c.send(rq.checkout("P2", "I6", null)).fixed(OK));
        }
    }

    @Test
    void renewalAtTheLimitIsRefusedWithTheReason() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            c.send(rq.checkout("P1", "I2", null));
            assertEquals("1", c.send(rq.renew("P1", "I2")).fixed(OK));
            assertEquals("1", c.send(rq.renew("P1", "I2")).fixed(OK));
            Sip2Message third = c.send(rq.renew("P1", "I2"));
            assertEquals("0", third.fixed(OK));
            assertEquals("N", third.fixed(RENEWAL_OK));
            assertEquals("Renewal limit reached (2)", third.field(AF));
            Sip2Message all = c.send(rq.renewAll("P1"));
            assertEquals("1", all.fixed(OK));
            assertEquals("0000", all.fixed(RENEWED_COUNT));
            assertEquals("0001", all.fixed(UNRENEWED_COUNT));
            assertEquals(List.of("I2"), all.all(BN));
        }
    }

    @Test
    void checkinAtAnotherBranchSendsTheHoldInTransit() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            c.send(rq.checkout("P1", "I3", null));
            assertEquals("1", c.send(rq.hold('+', "P3", "I3", "BR2")).fixed(OK));
            Sip2Message in = c.send(rq.checkin("I3", "MAIN"));
            assertEquals("Y", in.fixed(ALERT));
            assertEquals("02", in.field(CV));
            assertEquals("T1", in.field(CL));
            assertEquals("BR2", in.field(CT));
            assertEquals("10", c.send(rq.itemInformation("I3")).fixed(CIRCULATION_STATUS));
        }
    }

    @Test
    void blockAndEnableMapOntoPatronStatusFlags() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            Sip2Message blocked = c.send(rq.blockPatron("P2", "Card retained at kiosk", true));
            assertEquals(Sip2MessageType.PATRON_STATUS_RESPONSE, blocked.type());
            assertEquals("YYYYY", blocked.fixed(PATRON_STATUS).substring(0, 5), "charge, renew, recall, hold denied and card lost");
            assertEquals("0", c.send(rq.checkout("P2", "I6", null)).fixed(OK));
            Sip2Message enabled = c.send(rq.patronEnable("P2"));
            assertEquals(Sip2MessageType.PATRON_ENABLE_RESPONSE, enabled.type());
            assertEquals(' ', enabled.fixed(PATRON_STATUS).charAt(1), "manual blocks lifted");
        }
    }

    @Test
    void anOfflineCheckoutIsAcceptedAtItsOriginalTime() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            c.send(rq.blockPatron("P2", "blocked", false));
            Sip2Message r = c.send(rq.offlineCheckout("P2", "I5", "20260110    090000"));
            assertEquals("1", r.fixed(OK), r.toString());
            assertEquals(java.time.Instant.parse("2026-01-10T09:00:00Z"), patron("P2").loans().get(0).issuedAt());
        }
    }

    @Test
    void strictProfileForcesErrorDetectionCrlfAndCheckoutPin() throws Exception {
        try (Sip2Client c = t.connect(Sip2Client.Options.plain().withErrorDetection(false))) {
            assertEquals("941AY0AZFDFD", c.sendRaw("9300CNstrict|COpw|"), "ED forced: AY0 and AZ although the request had none");
            Sip2Message r = c.send(rq.checkout("P1", "I6", null));
            assertEquals("0", r.fixed(OK));
            assertEquals("PIN required", r.field(AF));
            assertEquals("1", c.send(rq.checkout("P1", "I6", "1234")).fixed(OK));
            Sip2Message notSupported = c.send(rq.renew("P1", "I6"));
            assertEquals("0", notSupported.fixed(OK));
            assertEquals("Not supported by this terminal", notSupported.field(AF));
            assertEquals("YYYNYNNYYNYNNNNN", c.send(rq.scStatus()).field(BX));
        }
    }

    @Test
    void ibm850ProfileEncodesTitlesInCodePage850() throws Exception {
        try (Sip2Client c = t.connect(Sip2Client.Options.plain().withCharset(org.stackbridge.sip2.codec.Sip2Charset.IBM850))) {
            assertEquals("1", c.send(rq.login("ibm", "pw", null)).fixed(OK));
            byte[] head = "1720260115    100000AOINST1|ABI1|AY1AZ".getBytes(StandardCharsets.US_ASCII);
            c.writeRaw(head);
            c.writeRaw((org.stackbridge.sip2.codec.ErrorDetection.hex(org.stackbridge.sip2.codec.ErrorDetection.checksum(head, head.length)) + "\r")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] frame = c.readFrame();
            assertTrue(org.stackbridge.sip2.codec.ErrorDetection.verify(frame));
            String text = new String(frame, java.nio.charset.Charset.forName("IBM850"));
            assertTrue(text.contains("AJLe Piège de Bogota|"), text);
            assertTrue(new String(frame, StandardCharsets.ISO_8859_1).contains("Pi\u008Age"), "è is 0x8A in code page 850");
        }
    }

    @Test
    void screenMessagesFollowTheRequestLanguage() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            Sip2Message r = c.send(rq.checkout("P1", "I4", null));
            assertEquals("Checked out", r.field(AF));
        }
    }

    @Test
    void itemStatusUpdateStoresPropertiesWhereTheProfileSays() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            Sip2Message r = c.send(rq.itemStatusUpdate("I2", "Display shelf"));
            assertEquals("1", r.fixed(ITEM_PROPERTIES_OK));
        }
        Outcome<Views.ItemInfo> item = t.circ.port().execute(new Commands.LookupItem(RequestContext.of(Channel.DESK, "t", null), "I2"))
                .toCompletableFuture().get();
        assertEquals("Display shelf", item.value().location());
    }

    @Test
    void metricsAreRecordedPerMessageAndOutcome() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            c.send(rq.checkout("P1", "I1", null));
            c.send(rq.checkout("P1", "NOPE", null));
        }
        assertEquals(1, t.registry.find("stackbridge.sip2.requests").tag("message", "11").tag("outcome", "ok").timer().count());
        assertEquals(1, t.registry.find("stackbridge.sip2.requests").tag("message", "11").tag("outcome", "refused").timer().count());
        assertNotNull(t.registry.find("stackbridge.sip2.connections").gauge());
    }

    @Test
    void aCheckinWithAPastReturnDateIsAssessedAsOfThatDate() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            // lent on 1 December (offline), due 15 December: returned on 10 December means no fine, today would
            assertEquals("1", c.send(rq.offlineCheckout("P1", "I2", "20251201    100000")).fixed(OK));
            Sip2Message in = c.send(rq.checkin("I2", "MAIN", "20251210    120000"));
            assertEquals("1", in.fixed(OK));
            assertEquals(1, in.all(AF).size(), "no fine message");
            assertEquals("0.00", patron("P1").balance().toPlainString());
            assertEquals("1", c.send(rq.offlineCheckout("P1", "I3", "20251201    100000")).fixed(OK));
            Sip2Message late = c.send(rq.checkin("I3", "MAIN"));
            assertEquals(2, late.all(AF).size(), "returned today: an overdue fine is reported");
            assertTrue(patron("P1").balance().isPositive());
        }
    }

    @Test
    void checkoutOfAnItemAlreadyOnLoanRenewsOnlyWhenTheScAcceptsRenewals() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            assertEquals("1", c.send(rq.checkout("P1", "I4", null)).fixed(OK));
            String noRenewals = "11NN" + DATE + " ".repeat(18) + "AOINST1|AAP1|ABI4|AC|";
            String r = c.sendRaw(noRenewals);
            assertTrue(r.startsWith("120NNN"), r);
            assertTrue(r.contains("AFItem is already checked out to you|"), r);
            Sip2Message renewed = c.send(rq.checkout("P1", "I4", null));
            assertEquals("1", renewed.fixed(OK));
            assertEquals("Y", renewed.fixed(RENEWAL_OK));
        }
    }

    /** A hold (15) and a fee payment (37) with the patron's PIN: a wrong PIN refuses them and changes nothing. */
    @Test
    void holdAndFeePaidCheckThePin() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            Sip2Message wrongHold = c.send(withPin(rq.hold('+', "P1", "I2", "MAIN"), "9999"));
            assertEquals("0", wrongHold.fixed(OK), wrongHold.toString());
            assertTrue(patron("P1").holds().isEmpty(), "no hold placed with a wrong PIN");
            Sip2Message hold = c.send(withPin(rq.hold('+', "P1", "I2", "MAIN"), "1234"));
            assertEquals("1", hold.fixed(OK), hold.toString());
            assertEquals(1, patron("P1").holds().size());

            t.circ.port().execute(new Commands.AssessFee(RequestContext.of(Channel.DESK, "test", "INST1"), "P1", FeeType.MANUAL,
                    Money.of("3.00", "USD"), null, "card")).toCompletableFuture().get();
            Sip2Message wrongPay = c.send(withPin(rq.feePaid("P1", "1.00", "USD", null, null), "9999"));
            assertEquals("N", wrongPay.fixed(PAYMENT_ACCEPTED), wrongPay.toString());
            assertEquals("3.00", patron("P1").balance().amount().toPlainString());
            Sip2Message pay = c.send(withPin(rq.feePaid("P1", "1.00", "USD", null, null), "1234"));
            assertEquals("Y", pay.fixed(PAYMENT_ACCEPTED), pay.toString());
            assertEquals("2.00", patron("P1").balance().amount().toPlainString());
        }
    }

    /** {@code m} with the patron's PIN (AD) added, as a kiosk sends it once the patron has typed it. */
    private static Sip2Message withPin(Sip2Message m, String pin) {
        Sip2Message.Builder b = Sip2Message.builder(m.type());
        m.type().spec().fixed().forEach(f -> b.fixed(f, m.fixed(f)));
        m.fields().forEach(f -> b.field(f.code(), f.value()));
        return b.field(AD, pin).build();
    }

    @Test
    void everySummaryPositionAndUnknownIdentifiersGetWellFormedAnswers() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            c.send(rq.checkout("P1", "I1", null));
            assertEquals("1", c.send(rq.hold('+', "P1", "I2", "MAIN")).fixed(OK));
            for (int pos = -1; pos < 10; pos++) {
                char[] summary = " ".repeat(10).toCharArray();
                if (pos >= 0) {
                    summary[pos] = 'Y';
                }
                String raw = "63001" + DATE + new String(summary) + "AOINST1|AAP1|AC|";
                String r = c.sendRaw(raw);
                assertTrue(r.startsWith("64"), raw + " -> " + r);
                assertTrue(r.matches("64.{14}001" + DATE + "\\d{24}AOINST1\\|AAP1\\|.*"), r);
                assertEquals(pos == 2, r.contains("|AUI1|"), r);
                assertEquals(pos == 5, r.contains("|CDI2|"), r);
            }
            Sip2Message unknownPatron = c.send(rq.patronInformation("NOBODY", null, 2, null, null));
            assertEquals("YYYY          ", unknownPatron.fixed(PATRON_STATUS));
            assertEquals("N", unknownPatron.field(BL));
            assertEquals("", unknownPatron.field(AE));
            Sip2Message unknownItem = c.send(rq.itemInformation("NOTHING"));
            assertEquals("010001", unknownItem.fixed(CIRCULATION_STATUS) + unknownItem.fixed(SECURITY_MARKER) + unknownItem.fixed(FEE_TYPE));
            assertEquals("", unknownItem.field(AJ));
            assertEquals("NOTHING", unknownItem.field(AB));
            Sip2Message change = c.send(rq.hold('*', "P1", "I2", "BR2"));
            assertEquals("1", change.fixed(OK), change.toString());
            assertEquals("BR2", change.field(BS));
            Sip2Message missingItem = c.send(rq.checkout("P1", " ", null));
            assertEquals("0", missingItem.fixed(OK));
            assertEquals("Required field missing", missingItem.field(AF));
        }
    }
}
