package org.stackbridge.gateway.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackbridge.sip2.spec.FieldCode.AB;
import static org.stackbridge.sip2.spec.FixedField.OK;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * Issue #14, hard 96s: a blank transaction date means "now" and undecodable bytes become U+FFFD; both requests are
 * answered with their own response (kiosks resend on 96 and are disconnected after five).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Sip2LenientInputIT {

    private static final String BLANK_DATE = " ".repeat(18);

    @TempDir
    Path data;

    @Test
    void aBlankTransactionDateIsNow() throws Exception {
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC));
             Sip2Client c = g.connect()) {
            assertEquals("1", c.send(g.rq.login("kiosk", "kiosk", "MAIN")).fixed(OK));
            c.writeRaw(("11YN" + BLANK_DATE + BLANK_DATE + "AOMAIN|AAP1|ABI7|AC|\r").getBytes(StandardCharsets.US_ASCII));
            Sip2Message out = c.readMessage();
            assertEquals(Sip2MessageType.CHECKOUT_RESPONSE, out.type());
            assertEquals("1", out.fixed(OK), out.toString());
            assertEquals(ItemStatus.CHECKED_OUT, g.itemStatus("I7"));
            c.writeRaw(("09N" + BLANK_DATE + BLANK_DATE + "APMAIN|AOMAIN|ABI7|AC|\r").getBytes(StandardCharsets.US_ASCII));
            Sip2Message in = c.readMessage();
            assertEquals(Sip2MessageType.CHECKIN_RESPONSE, in.type());
            assertEquals("1", in.fixed(OK), in.toString());
        }
    }

    @Test
    void invalidUtf8IsReplacedAndTheRequestAnswered() throws Exception {
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC));
             Sip2Client c = g.connect()) {
            assertEquals("1", c.send(g.rq.login("kiosk", "kiosk", "MAIN")).fixed(OK));
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(("17" + g.rq.date() + "AOMAIN|ABX").getBytes(StandardCharsets.US_ASCII));
            frame.write(new byte[] {(byte) 0xFF, (byte) 0xC3});
            frame.write("Y|\r".getBytes(StandardCharsets.US_ASCII));
            c.writeRaw(frame.toByteArray());
            Sip2Message info = c.readMessage();
            assertEquals(Sip2MessageType.ITEM_INFORMATION_RESPONSE, info.type());
            assertEquals("X\uFFFD\uFFFDY", info.field(AB));
        }
    }
}
