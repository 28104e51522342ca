package org.stackbridge.gateway.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackbridge.sip2.spec.FieldCode.AF;
import static org.stackbridge.sip2.spec.FieldCode.AB;
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

/**
 * Issue #14, check-in of an item not on loan: refused (ok 0 with a screen message) by default, as Koha and Evergreen
 * do; a sorter profile with {@code checkin-not-on-loan: ok} keeps getting ok 1.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Sip2CheckinNotOnLoanIT {

    @TempDir
    Path data;

    @Test
    void checkinOfAnItemNotOnLoanIsRefusedByDefaultAndOkForSorters() throws Exception {
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC),
                "sip2: {profiles: {sorter: {checkin-not-on-loan: ok}}}")) {
            try (Sip2Client c = g.connect()) {
                assertEquals("1", c.send(g.rq.login("kiosk", "kiosk", "MAIN")).fixed(OK));
                Sip2Message notOut = c.send(g.rq.checkin("I5", "MAIN"));
                assertEquals("0", notOut.fixed(OK), notOut.toString());
                assertEquals("I5", notOut.field(AB));
                assertEquals("Item was not checked out", notOut.field(AF));
                assertEquals("1", c.send(g.rq.checkout("P1", "I5", null)).fixed(OK));
                assertEquals("1", c.send(g.rq.checkin("I5", "MAIN")).fixed(OK), "a loan is checked in as before");
            }
            try (Sip2Client c = g.connect()) {
                assertEquals("1", c.send(g.rq.login("sorter", "sorter", "MAIN")).fixed(OK));
                assertEquals("1", c.send(g.rq.checkin("I6", "MAIN")).fixed(OK));
            }
        }
    }
}
