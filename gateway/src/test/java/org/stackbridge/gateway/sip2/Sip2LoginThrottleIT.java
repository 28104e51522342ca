package org.stackbridge.gateway.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.sip2.spec.FixedField.OK;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.sip2.client.Sip2Client;

/**
 * Issue #14, failed-login lockout: five wrong passwords for one login from an address lock that login there, not
 * other accounts on the same address; the lock lasts the penalty and is not renewed by failures during it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Sip2LoginThrottleIT {

    @TempDir
    Path data;

    @Test
    void aLockedLoginDoesNotLockOtherAccountsAndEndsAfterThePenalty() throws Exception {
        TestClock clock = new TestClock(Sip2Gateway.NOW);
        try (Sip2Gateway g = Sip2Gateway.start(data, clock,
                "sip2: {failed-login-throttle: {max-failures: 5, window-seconds: 300, penalty-seconds: 30}}");
             Sip2Gateway.CapturedLogs logs = new Sip2Gateway.CapturedLogs()) {
            try (Sip2Client c = g.connect()) {
                for (int i = 0; i < 5; i++) {
                    assertEquals("0", c.send(g.rq.login("kiosk", "wrong", "MAIN")).fixed(OK));
                }
            }
            assertTrue(logs.lines().stream().anyMatch(l -> l.startsWith("WARN") && l.contains("'kiosk'")), logs.lines().toString());
            try (Sip2Client c = g.connect()) {
                assertEquals("1", c.send(g.rq.login("other", "other", "MAIN")).fixed(OK), "another account on the same address");
            }
            try (Sip2Client c = g.connect()) {
                assertEquals("0", c.send(g.rq.login("kiosk", "kiosk", "MAIN")).fixed(OK), "the locked login stays locked");
                clock.advance(Duration.ofSeconds(20));
                assertEquals("0", c.send(g.rq.login("kiosk", "wrong", "MAIN")).fixed(OK));
            }
            clock.advance(Duration.ofSeconds(11));
            try (Sip2Client c = g.connect()) {
                assertEquals("1", c.send(g.rq.login("kiosk", "kiosk", "MAIN")).fixed(OK),
                        "the lock ends 30 s after it began; a failure during it does not renew it");
            }
        }
    }
}
