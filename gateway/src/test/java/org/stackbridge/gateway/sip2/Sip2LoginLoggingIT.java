package org.stackbridge.gateway.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.sip2.client.Sip2Client;

/** Issue #14, secrets in logs: nothing of a 93 is logged beyond a login name that parsed cleanly. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Sip2LoginLoggingIT {

    @TempDir
    Path data;

    @Test
    void aMalformedLoginNeverLogsThePassword() throws Exception {
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC));
             Sip2Gateway.CapturedLogs logs = new Sip2Gateway.CapturedLogs();
             Sip2Client c = g.connect()) {
            assertEquals("940", c.sendRaw("9300CNprobeXCOsecret|CPMAIN|"));
            assertEquals("940", c.sendRaw("9300CNprobe|COsecret|CPMAIN|"));
            assertEquals("941", c.sendRaw("9300CNkiosk|COkiosk|CPMAIN|"));
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("login refused") && l.contains("'probe'")), logs.lines().toString());
            for (String line : logs.lines()) {
                assertFalse(line.contains("secret"), line);
            }
        }
    }
}
