package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.service.StorageCircuitBreaker;
import org.stackbridge.core.testing.Await;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.codec.Sip2Charset;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;

/**
 * Issue #14, runtime: the gateway on PostgreSQL, and PostgreSQL stopped under it. Once the first failures have opened
 * the storage circuit breaker, every listener answers within a second - SIP2 with the profile's "service unavailable"
 * screen text and on-line status N in 98, NCIP with a Temporary Processing Failure problem, the staff API and /health
 * with 503 - and no answer names an internal class. PostgreSQL started again on the same data, the gateway recovers
 * without a restart. The test runs its own PostgreSQL server (not {@code TestGateways.Store.POSTGRES}'s shared one),
 * since it stops it.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DatabaseOutageIT {

    private static final String OUT_OF_SERVICE = "Out of service - please use the desk";
    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private EmbeddedPostgres postgres;
    private Gateway gateway;
    private final TestClock clock = new TestClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private EmbeddedPostgres startPostgres(int port) throws Exception {
        // the same data directory and port each time: a restart of the same server, as an operator would do it
        return EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    void withTheDatabaseDownEveryListenerAnswersAtOnceAndRecoversWhenItIsBack() throws Exception {
        int pgPort;
        try (ServerSocket s = new ServerSocket(0)) {
            pgPort = s.getLocalPort();
        }
        postgres = startPostgres(pgPort);
        SecretHasher hasher = new SecretHasher(1_000);
        List<String> config = new ArrayList<>(List.of(NcipTestMessages.reshareGateway(List.of(), List.of())));
        config.addAll(List.of(
                "database:",
                "  url: jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "  user: postgres",
                "  password: postgres",
                "  circuit-breaker: {failure-threshold: 2, open-seconds: 1}",
                "sip2-accounts:",
                "  - {login: kiosk, password-hash: '" + hasher.hash("kiosk") + "', institution: MAIN}",
                "sip2:",
                "  profiles:",
                "    default:",
                "      screen-messages: {SERVICE_UNAVAILABLE: '" + OUT_OF_SERVICE + "'}",
                "engine: {maintenance-minutes: 0}"));
        gateway = TestGateways.start(dir, clock, config.toArray(String[]::new));
        gateway.storage().write(tx -> {
            tx.patrons().insert(new Patron(0, "P1", hasher.hash("1234"), "Ada", "ADULT", null, null, null, LocalDate.of(2030, 1, 1),
                    "MAIN", false));
            tx.staff().save(new StaffAccount("grace", hasher.hash(PASSWORD), StaffRole.LIBRARIAN, "MAIN", true));
            return NcipTestMessages.partnerAndDune(tx, "I1", "I2");
        }).get(30, TimeUnit.SECONDS);

        Sip2Requests req = new Sip2Requests(clock, "MAIN");
        Sip2Client.Options patient = new Sip2Client.Options(false, false, true, Sip2Charset.UTF_8, 60_000, 1 << 20);
        try (Sip2Client kiosk = login(req, patient); Sip2Client second = login(req, patient)) {
            // everything works while the database is up
            assertEquals("Y", kiosk.send(req.scStatus()).fixed(FixedField.ONLINE_STATUS));
            assertEquals("1", kiosk.send(req.checkout("P1", "I1", "1234")).fixed(FixedField.OK));
            assertEquals(200, health().statusCode());
            String token = JSON.readTree(post("/api/v1/auth/login", null, "{\"login\":\"grace\",\"password\":\"" + PASSWORD + "\"}").body())
                    .path("token").asText();
            assertEquals(200, get("/api/v1/items/I1", token).statusCode());
            assertFalse(ncipLookupUser().body().contains("Problem"));

            postgres.close();
            postgres = null;

            // the first failures wait for a connection (up to the pool's timeout), answer "service unavailable" and open
            // the circuit; two kiosks at once, as the threshold is 2
            CompletableFuture<Sip2Message> a = CompletableFuture.supplyAsync(() -> send(kiosk, req.patronInformation("P1", "1234", -1, null, null)));
            CompletableFuture<Sip2Message> b = CompletableFuture.supplyAsync(() -> send(second, req.itemInformation("I2")));
            for (Sip2Message first : List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS))) {
                assertEquals(OUT_OF_SERVICE, first.field(FieldCode.AF), first.toString());
            }
            await(() -> gateway.circuitBreaker().state() != StorageCircuitBreaker.State.CLOSED, "the circuit opens");

            // open: every listener answers within a second
            long t0 = System.nanoTime();
            Sip2Message checkout = kiosk.send(req.checkout("P1", "I2", "1234"));
            assertFast(t0, "SIP2 checkout");
            assertEquals("0", checkout.fixed(FixedField.OK));
            assertEquals(OUT_OF_SERVICE, checkout.field(FieldCode.AF));

            t0 = System.nanoTime();
            Sip2Message status = kiosk.send(req.scStatus());
            assertFast(t0, "SIP2 status");
            assertEquals("N", status.fixed(FixedField.ONLINE_STATUS), "98 reports on-line status N");

            t0 = System.nanoTime();
            Sip2Message info = second.send(req.patronInformation("P1", "1234", -1, null, null));
            assertFast(t0, "SIP2 patron information");
            assertEquals(OUT_OF_SERVICE, info.field(FieldCode.AF));

            t0 = System.nanoTime();
            HttpResponse<String> ncip = ncipLookupUser();
            assertFast(t0, "NCIP LookupUser");
            assertTrue(ncip.body().contains("Temporary Processing Failure"), ncip.body());

            t0 = System.nanoTime();
            HttpResponse<String> staff = get("/api/v1/items/I1", token);
            assertFast(t0, "staff API");
            assertEquals(503, staff.statusCode(), staff.body());
            assertEquals("application/problem+json", staff.headers().firstValue("Content-Type").orElse(""));

            t0 = System.nanoTime();
            HttpResponse<String> down = health();
            assertFast(t0, "/health");
            assertEquals(503, down.statusCode(), down.body());

            for (String answer : List.of(checkout.toString(), info.toString(), ncip.body(), staff.body(), down.body())) {
                assertFalse(answer.contains("Exception") || answer.contains("org.stackbridge"), "an internal class name: " + answer);
            }

            // PostgreSQL comes back on the same data: the probes close the circuit, without a restart of the gateway
            postgres = startPostgres(pgPort);
            await(() -> "Y".equals(send(kiosk, req.scStatus()).fixed(FixedField.ONLINE_STATUS)), "98 reports on-line status Y again");
            Sip2Message again = kiosk.send(req.checkout("P1", "I2", "1234"));
            assertEquals("1", again.fixed(FixedField.OK), again.toString());
            assertEquals(200, health().statusCode());
            assertEquals(200, get("/api/v1/items/I2", token).statusCode());
            assertFalse(ncipLookupUser().body().contains("Problem"));
            assertEquals(2, gateway.storage().read(tx -> tx.loans().openPage(0, 10).size()).get(30, TimeUnit.SECONDS),
                    "both checkouts committed, none while the database was down");
        }
    }

    private Sip2Client login(Sip2Requests req, Sip2Client.Options options) throws Exception {
        Sip2Client c = Sip2Client.connect("127.0.0.1", gateway.sip2().port(), options);
        assertEquals("1", c.send(req.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK));
        return c;
    }

    private static Sip2Message send(Sip2Client c, Sip2Message m) {
        try {
            return c.send(m);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertFast(long startNanos, String what) {
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        assertTrue(ms < 1000, what + " answered after " + ms + " ms with the circuit open");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(Duration.ofSeconds(90), condition, what);
    }

    private HttpResponse<String> health() throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> ncipLookupUser() throws Exception {
        return NcipTestMessages.send(http, gateway.httpPort(), NcipTestMessages.msg("LookupUser", NcipTestMessages.user("P1")));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.httpPort() + path);
    }
}
