package org.stackbridge.gateway.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackbridge.sip2.spec.FixedField.OK;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.codec.Sip2MessageEncoder;
import org.stackbridge.sip2.codec.Sip2WireFormat;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * Issue #14, stale repeats: only a retransmission of the terminal's previous request is answered from storage; the
 * same bytes sent again after other requests are a new transaction.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Sip2RetransmissionIT {

    @TempDir
    Path data;

    private static byte[] frame(Sip2Message m, int ay) {
        return Sip2MessageEncoder.encode(m.withSequence((char) ('0' + ay), true), Sip2WireFormat.DEFAULT);
    }

    private static Sip2Message exchange(Sip2Client c, byte[] frame) throws Exception {
        c.writeRaw(frame);
        return c.readMessage();
    }

    @Test
    void anIdenticalRequestAfterOtherRequestsIsANewTransaction() throws Exception {
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC));
             Sip2Client c = g.connect()) {
            assertEquals("1", exchange(c, frame(g.rq.login("kiosk", "kiosk", "MAIN"), 0)).fixed(OK));
            byte[] checkout = frame(g.rq.checkout("P1", "I1", null), 1);
            assertEquals("1", exchange(c, checkout).fixed(OK));
            assertEquals("1", exchange(c, frame(g.rq.checkin("I1", "MAIN"), 2)).fixed(OK));
            assertEquals(ItemStatus.AVAILABLE, g.itemStatus("I1"));
            for (int ay = 3; ay <= 9; ay++) {
                assertEquals(Sip2MessageType.ACS_STATUS_RESPONSE, exchange(c, frame(g.rq.scStatus(), ay)).type());
            }
            Sip2Message again = exchange(c, checkout);
            assertEquals("1", again.fixed(OK), again.toString());
            assertEquals(ItemStatus.CHECKED_OUT, g.itemStatus("I1"), "the repeated checkout acted");
        }
    }

    @Test
    void aRetransmissionOfThePreviousRequestIsAnsweredFromStorageAlsoAfterAReconnect() throws Exception {
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC))) {
            byte[] checkout = frame(g.rq.checkout("P1", "I2", null), 1);
            byte[] first;
            try (Sip2Client c = g.connect()) {
                assertEquals("1", exchange(c, frame(g.rq.login("kiosk", "kiosk", "MAIN"), 0)).fixed(OK));
                c.writeRaw(checkout);
                first = c.readFrame();
            }
            try (Sip2Client c = g.connect()) {
                assertEquals("1", exchange(c, frame(g.rq.login("kiosk", "kiosk", "MAIN"), 0)).fixed(OK));
                c.writeRaw(checkout);
                assertEquals(new String(first), new String(c.readFrame()), "the stored answer, byte for byte");
            }
            assertEquals(ItemStatus.CHECKED_OUT, g.itemStatus("I2"));
        }
    }
}
