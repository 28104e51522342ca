package org.stackbridge.gateway.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackbridge.sip2.spec.FieldCode.AH;
import static org.stackbridge.sip2.spec.FixedField.DATE_TIME_SYNC;
import static org.stackbridge.sip2.spec.FixedField.OK;
import static org.stackbridge.sip2.spec.FixedField.TRANSACTION_DATE;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.message.Sip2Message;

/**
 * Issue #14, dates: the host runs on UTC, library MAIN is in America/New_York. A loan due 2026-12-28 23:59:59 there
 * must go out as that local time, and the transaction and 98 dates too; a profile's timezone still wins.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Sip2TimeZoneIT {

    private static final String LOCAL_NOW = "20261207    100000";

    @TempDir
    Path data;
    private TimeZone hostZone;

    @BeforeEach
    void hostOnUtc() {
        hostZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @AfterEach
    void restoreHostZone() {
        TimeZone.setDefault(hostZone);
    }

    @Test
    void sipDatesAreInTheTimeZoneOfTheTerminalsLibrary() throws Exception {
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC));
             Sip2Client c = g.connect()) {
            assertEquals("1", c.send(g.rq.login("kiosk", "kiosk", "MAIN")).fixed(OK));
            Sip2Message out = c.send(g.rq.checkout("P1", "I1", null));
            assertEquals("1", out.fixed(OK), out.toString());
            assertEquals("20261228    235959", out.field(AH), "due at the end of the day in New York");
            assertEquals(LOCAL_NOW, out.fixed(TRANSACTION_DATE));
            assertEquals(LOCAL_NOW, c.send(g.rq.scStatus()).fixed(DATE_TIME_SYNC));
        }
    }

    @Test
    void aProfilesTimezoneOverridesTheLibrarys() throws Exception {
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC),
                "sip2: {profiles: {default: {timezone: Europe/Paris}}}");
             Sip2Client c = g.connect()) {
            assertEquals("1", c.send(g.rq.login("kiosk", "kiosk", "MAIN")).fixed(OK));
            Sip2Message out = c.send(g.rq.checkout("P1", "I1", null));
            assertEquals("20261229    055959", out.field(AH));
            assertEquals("20261207    160000", out.fixed(TRANSACTION_DATE));
        }
    }
}
