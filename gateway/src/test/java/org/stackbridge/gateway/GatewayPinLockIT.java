package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;

/** The failed-PIN lock over a real SIP2 socket: 63 answers CQ N for the right PIN while locked, and 11 is refused. */
class GatewayPinLockIT {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path data;
    private final TestClock clock = new TestClock(NOW);

    /** A gateway locking after 3 failures, with patron P1 (PIN 1234), item I1 and SIP2 login kiosk/kiosk. */
    private Gateway start() throws Exception {
        SecretHasher hasher = new SecretHasher(1_000);
        Gateway gateway = TestGateways.start(data, clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "sip2-accounts:",
                "  - {login: kiosk, password-hash: '" + hasher.hash("kiosk") + "', institution: MAIN}",
                "engine: {maintenance-minutes: 0, pin-max-failures: 3, pin-lock-minutes: 15}");
        gateway.storage().write(tx -> {
            tx.patrons().insert(new Patron(0, "P1", hasher.hash("1234"), "Ada", "ADULT", null, null, null, LocalDate.of(2030, 1, 1),
                    "MAIN", false));
            BibRecord bib = tx.bibs().insert(new BibRecord(0, "b1", "Dune", "Herbert, Frank", null, null, null, null));
            return tx.items().insert(new Item(0, "I1", bib.id(), "BOOK", "MAIN", "MAIN", null, null, BigDecimal.TEN, ItemStatus.AVAILABLE,
                    null, null));
        }).join();
        return gateway;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theRightPinAnswersCqNWhileLockedAndCqYAfterTheLock() throws Exception {
        Sip2Requests req = new Sip2Requests(clock, "MAIN");
        try (Gateway gateway = start(); Sip2Client client = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            assertEquals("1", client.send(req.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK));
            assertEquals("Y", client.send(req.patronInformation("P1", "1234", -1, null, null)).field(FieldCode.CQ));
            for (int i = 0; i < 3; i++) {
                assertEquals("N", client.send(req.patronInformation("P1", "000" + i, -1, null, null)).field(FieldCode.CQ));
            }
            Sip2Message locked = client.send(req.patronInformation("P1", "1234", -1, null, null));
            assertEquals("N", locked.field(FieldCode.CQ), "locked");
            assertEquals("Too many PIN attempts; try again later", locked.field(FieldCode.AF));
            assertEquals("N", client.send(req.patronStatus("P1", "1234")).field(FieldCode.CQ), "locked (23)");
            Sip2Message refused = client.send(req.checkout("P1", "I1", "1234"));
            assertEquals("0", refused.fixed(FixedField.OK));
            assertEquals("Too many PIN attempts; try again later", refused.field(FieldCode.AF));

            clock.advance(Duration.ofMinutes(15));
            assertEquals("Y", client.send(req.patronInformation("P1", "1234", -1, null, null)).field(FieldCode.CQ));
            assertEquals("1", client.send(req.checkout("P1", "I1", "1234")).fixed(FixedField.OK));
        }
    }
}
