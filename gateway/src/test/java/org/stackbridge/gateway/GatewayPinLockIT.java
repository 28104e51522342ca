package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The PIN cache and the failed-PIN lock over a real SIP2 socket and real NCIP HTTP: 63 answers CQ N for the right PIN
 * while locked, and 11 is refused; a PIN already verified is not hashed again; once locked, wrong PINs are refused
 * without hashing (counted by the gateway's {@code stackbridge_pin_slow_checks_total} metric on {@code /metrics}).
 */
class GatewayPinLockIT {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path data;
    private final TestClock clock = new TestClock(NOW);

    /** A gateway locking after 3 failures, with patron P1 (PIN 1234), item I1 and SIP2 login kiosk/kiosk. */
    private Gateway start() throws Exception {
        SecretHasher hasher = new SecretHasher(1_000);
        // library MAIN, a loan rule and the NCIP partner reshare (secret s3cret), then the kiosk's SIP2 account
        List<String> config = new ArrayList<>(List.of(NcipTestMessages.reshareGateway(List.of(), List.of())));
        config.addAll(List.of("sip2-accounts:",
                "  - {login: kiosk, password-hash: '" + hasher.hash("kiosk") + "', institution: MAIN}",
                "engine: {maintenance-minutes: 0, pin-max-failures: 3, pin-lock-minutes: 15}"));
        Gateway gateway = TestGateways.start(data, clock, config.toArray(String[]::new));
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
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a first gateway in a cold JVM on a busy machine starts slowly
    void theRightPinAnswersCqNWhileLockedAndCqYAfterTheLock() throws Exception {
        Sip2Requests req = new Sip2Requests(clock, "MAIN");
        try (Gateway gateway = start(); Sip2Client client = kiosk(gateway, req)) {
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

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void overSip2TheRightPinIsHashedOnceAndAThousandWrongPinsAfterTheLockAreNotHashed() throws Exception {
        Sip2Requests req = new Sip2Requests(clock, "MAIN");
        try (Gateway gateway = start(); Sip2Client client = kiosk(gateway, req)) {
            long before = slowChecks(gateway);
            Sip2Message first = client.send(req.patronInformation("P1", "1234", -1, null, null));
            assertEquals("Y", first.field(FieldCode.CQ));
            assertEquals(' ', first.fixed(FixedField.PATRON_STATUS).charAt(0), "not locked: charge privileges allowed");
            assertEquals("1", client.send(req.checkout("P1", "I1", "1234")).fixed(FixedField.OK));
            assertEquals("Y", client.send(req.patronStatus("P1", "1234")).field(FieldCode.CQ));
            assertEquals(before + 1, slowChecks(gateway), "the PIN of a visit is hashed once, then remembered");

            for (int i = 0; i < 3; i++) {
                assertEquals("N", client.send(req.patronInformation("P1", "999" + i, -1, null, null)).field(FieldCode.CQ));
            }
            assertEquals(before + 4, slowChecks(gateway), "wrong PINs before the lock are hashed (never taken from the cache)");

            long lockedBefore = lockedRefusals(gateway);
            for (int i = 0; i < 1_000; i++) {
                String wrong = String.format("%04d", i == 234 ? 9_999 : i); // every 4-digit PIN from 0000 but the right one
                Sip2Message m = client.send(i % 2 == 0 ? req.patronInformation("P1", wrong, -1, null, null) : req.patronStatus("P1", wrong));
                assertEquals("N", m.field(FieldCode.CQ), wrong);
                assertEquals("Too many PIN attempts; try again later", m.field(FieldCode.AF), wrong);
                assertEquals('Y', m.fixed(FixedField.PATRON_STATUS).charAt(0), "locked: charge privileges denied");
            }
            assertEquals(before + 4, slowChecks(gateway), "no wrong PIN was hashed after the lock");
            assertEquals(lockedBefore + 1_000, lockedRefusals(gateway));
            assertEquals("N", client.send(req.patronInformation("P1", "1234", -1, null, null)).field(FieldCode.CQ),
                    "a remembered right PIN is refused too while locked");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aNewPatronsPinIsHashedOnThePinHashingThreadsNotOnAStorageThread() throws Exception {
        Sip2Requests req = new Sip2Requests(clock, "MAIN");
        try (Gateway gateway = start(); Sip2Client client = kiosk(gateway, req)) {
            long before = slowChecks(gateway);
            assertEquals("Y", client.send(req.patronInformation("P1", "1234", -1, null, null)).field(FieldCode.CQ));
            assertEquals("N", client.send(req.patronInformation("P1", "4321", -1, null, null)).field(FieldCode.CQ));
            assertEquals(before + 2, slowChecks(gateway));
            // the pool starts its threads on its first task: one exists only if the hashes went through it
            assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("pin-hash-") && t.isAlive()),
                    "a PIN hashing thread ran the checks");
            assertEquals(0, GatewayMetrics.counter(gateway, "stackbridge_pin_hashing_rejected_total", ""));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void overNcipTheLockRefusesAThousandWrongPinsWithoutHashingAndEndsOnTime() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (Gateway gateway = start()) {
            long before = slowChecks(gateway);
            String ok = lookupUser(http, gateway, "1234");
            assertTrue(ok.contains("<ns1:LookupUserResponse") && !ok.contains("Problem>"), ok);
            assertTrue(lookupUser(http, gateway, "1234").contains("Ada"), "the remembered PIN still answers");
            assertEquals(before + 1, slowChecks(gateway), "the PIN is hashed once");
            for (int i = 0; i < 3; i++) {
                String refused = lookupUser(http, gateway, "999" + i);
                assertEquals("User Authentication Failed", NcipTestMessages.text(refused, "ProblemType"), refused);
                assertEquals(i < 2 ? "PIN or password does not match" : "Too many PIN attempts; try again later",
                        NcipTestMessages.text(refused, "ProblemDetail"), "the third failure locks: " + refused);
            }
            assertEquals(before + 4, slowChecks(gateway));

            for (int i = 0; i < 1_000; i++) {
                String refused = lookupUser(http, gateway, String.format("%04d", i == 234 ? 9_999 : i));
                assertEquals("User Authentication Failed", NcipTestMessages.text(refused, "ProblemType"), refused);
                assertEquals("Too many PIN attempts; try again later", NcipTestMessages.text(refused, "ProblemDetail"), refused);
            }
            assertEquals(before + 4, slowChecks(gateway), "no wrong PIN was hashed after the lock");
            String lockedRight = lookupUser(http, gateway, "1234");
            assertEquals("User Authentication Failed", NcipTestMessages.text(lockedRight, "ProblemType"), "the right PIN is refused while locked");

            clock.advance(Duration.ofMinutes(15));
            String after = lookupUser(http, gateway, "1234");
            assertTrue(after.contains("<ns1:LookupUserResponse") && !after.contains("Problem>"), after);
        }
    }

    /** A SIP2 connection logged in as the kiosk. */
    private static Sip2Client kiosk(Gateway gateway, Sip2Requests req) throws Exception {
        Sip2Client client = Sip2Client.connect("127.0.0.1", gateway.sip2().port());
        assertEquals("1", client.send(req.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK));
        return client;
    }

    private static String lookupUser(HttpClient http, Gateway gateway, String pin) throws Exception {
        HttpResponse<String> r = NcipTestMessages.send(http, gateway.httpPort(), NcipTestMessages.msg("LookupUser", NcipTestMessages.user("P1")
                + "<ns1:AuthenticationInput><ns1:AuthenticationInputData>" + pin + "</ns1:AuthenticationInputData>"
                + "<ns1:AuthenticationDataFormatType>text</ns1:AuthenticationDataFormatType>"
                + "<ns1:AuthenticationInputType>PIN</ns1:AuthenticationInputType></ns1:AuthenticationInput>"
                + "<ns1:UserElementType>Name Information</ns1:UserElementType>"));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static long slowChecks(Gateway gateway) throws Exception {
        return GatewayMetrics.counter(gateway, "stackbridge_pin_slow_checks_total", "");
    }

    private static long lockedRefusals(Gateway gateway) throws Exception {
        return GatewayMetrics.counter(gateway, "stackbridge_pin_locked_refusals_total", "");
    }
}
