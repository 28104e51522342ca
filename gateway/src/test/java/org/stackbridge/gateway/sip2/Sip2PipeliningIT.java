package org.stackbridge.gateway.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackbridge.sip2.spec.FixedField.OK;

import java.io.ByteArrayOutputStream;
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
 * Issue #14, pipelining: a checkout followed by 100 status requests in one write (more than 64 frames in one read)
 * are all executed and answered in order; the connection stays open.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Sip2PipeliningIT {

    private static final int STATUS_REQUESTS = 100;

    @TempDir
    Path data;

    @Test
    void moreThan64PipelinedRequestsAreAllAnsweredInOrder() throws Exception {
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC));
             Sip2Client c = g.connect()) {
            assertEquals("1", c.send(g.rq.login("kiosk", "kiosk", "MAIN")).fixed(OK));
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            burst.write(Sip2MessageEncoder.encode(g.rq.checkout("P1", "I1", null), Sip2WireFormat.DEFAULT));
            for (int i = 0; i < STATUS_REQUESTS; i++) {
                burst.write(Sip2MessageEncoder.encode(g.rq.scStatus(), Sip2WireFormat.DEFAULT));
            }
            c.writeRaw(burst.toByteArray());
            Sip2Message checkout = c.readMessage();
            assertEquals(Sip2MessageType.CHECKOUT_RESPONSE, checkout.type());
            assertEquals("1", checkout.fixed(OK), checkout.toString());
            for (int i = 0; i < STATUS_REQUESTS; i++) {
                assertEquals(Sip2MessageType.ACS_STATUS_RESPONSE, c.readMessage().type(), "answer " + i);
            }
            assertEquals("1", c.send(g.rq.checkout("P1", "I2", null)).fixed(OK), "the connection is still open");
            assertEquals(ItemStatus.CHECKED_OUT, g.itemStatus("I1"));
        }
    }
}
