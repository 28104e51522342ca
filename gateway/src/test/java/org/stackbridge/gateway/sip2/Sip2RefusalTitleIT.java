package org.stackbridge.gateway.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackbridge.sip2.spec.FieldCode.AB;
import static org.stackbridge.sip2.spec.FieldCode.AJ;
import static org.stackbridge.sip2.spec.FixedField.OK;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.message.Sip2Message;

/** Issue #14, SIP2 9: a checkout refused for the patron still names a known item's title (AJ), so the screen can. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Sip2RefusalTitleIT {

    @TempDir
    Path data;

    @Test
    void checkoutRefusedForTheTitleCarriesTheItemsTitle() throws Exception {
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC));
             Sip2Client c = g.connect()) {
            assertEquals("1", c.send(g.rq.login("kiosk", "kiosk", "MAIN")).fixed(OK));

            Sip2Message unknownPatron = c.send(g.rq.checkout("NO-SUCH-PATRON", "I7", null));
            assertEquals("0", unknownPatron.fixed(OK), unknownPatron.toString());
            assertEquals("I7", unknownPatron.field(AB));
            assertEquals("Dune", unknownPatron.field(AJ), "the item is known, so its title is sent: " + unknownPatron);

            Sip2Message wrongPin = c.send(g.rq.checkout("P1", "I8", "9999"));
            assertEquals("0", wrongPin.fixed(OK), wrongPin.toString());
            assertEquals("Dune", wrongPin.field(AJ), "refused for the PIN, the item's title is still sent: " + wrongPin);

            Sip2Message unknownBoth = c.send(g.rq.checkout("NO-SUCH-PATRON", "NO-SUCH-ITEM", null));
            assertEquals("0", unknownBoth.fixed(OK));
            assertEquals("", unknownBoth.field(AJ), "an unknown item has no title");
        }
    }
}
