package org.stackbridge.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.net.URI;
import java.net.http.HttpClient;
import static org.stackbridge.gateway.StaffApiClient.JSON;
import static org.stackbridge.gateway.StaffApiClient.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.gateway.StaffApiClient.Answer;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;

/**
 * The staff API over real HTTP against the whole gateway, on H2 and on PostgreSQL: login, tokens, roles, problem documents, desk
 * circulation, the event log and idempotency keys. One gateway serves the class; each test uses its own barcodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class StaffApiContract {

    Gateway gateway;
    final StaffApiClient api = new StaffApiClient(() -> gateway.httpPort(), PASSWORD);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** The store this run uses; {@link StaffApiH2IT} and {@link StaffApiPostgresIT} run every test on each. */
    abstract TestGateways.Store store();

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final String PASSWORD = "correct horse";

    @TempDir
    static Path data;
    TestClock clock;

    @BeforeAll
    void start() throws Exception {
        clock = new TestClock(T0);
        gateway = TestGateways.start(store(), data, clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "  - {code: EAST, name: East Branch, institution: MAIN}",
                "  - {code: NORTH, name: North Library}",
                "staff-api:",
                "  max-body-bytes: 2048",
                "  max-failed-logins: 5",
                "  lock-minutes: 5");
        SecretHasher hasher = new SecretHasher(1_000);
        String hash = hasher.hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("grace", hash, StaffRole.LIBRARIAN, "MAIN", true));
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "EAST", true));
            tx.staff().save(new StaffAccount("root", hash, StaffRole.ADMIN, null, true));
            tx.staff().save(new StaffAccount("gone", hash, StaffRole.ADMIN, null, false));
            tx.staff().save(new StaffAccount("locked", hash, StaffRole.TECHNICIAN, "MAIN", true));
            tx.staff().save(new StaffAccount("expiry", hash, StaffRole.TECHNICIAN, "MAIN", true));
            for (String p : List.of("P1", "P2", "P3")) {
                tx.patrons().insert(new Patron(0, p, null, "Patron <b>" + p + "</b>", "ADULT", null, null, null, LocalDate.of(2030, 1, 1),
                        "MAIN", false));
            }
            tx.patrons().insert(new Patron(0, "N1", null, "North Reader", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "NORTH", false));
            for (int i = 1; i <= 12; i++) {
                BibRecord bib = tx.bibs().insert(new BibRecord(0, "b" + i, "Title " + i, "Author", null, null, null, null));
                tx.items().insert(new Item(0, "I" + i, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA" + i, BigDecimal.TEN,
                        ItemStatus.AVAILABLE, null, null));
            }
            BibRecord north = tx.bibs().insert(new BibRecord(0, "n1", "North title", "Author", null, null, null, null));
            tx.items().insert(new Item(0, "NI1", north.id(), "BOOK", "NORTH", "NORTH", "Stacks", "QA", BigDecimal.TEN,
                    ItemStatus.AVAILABLE, null, null));
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    @BeforeEach
    void resetClock() {
        clock.set(T0);
    }

    // ------------------------------------------------------------------ helpers


    private List<CirculationEvent> events() throws Exception {
        return gateway.storage().read(tx -> tx.events().between(T0.minusSeconds(86_400), T0.plusSeconds(30 * 86_400), 10_000))
                .get(30, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ auth

    @Test
    void loginAnswersATokenWithItsExpiryAndLogoutEndsIt() throws Exception {
        Answer a = api.login("grace", PASSWORD);
        assertEquals(200, a.status(), a.raw().body());
        assertEquals("grace", a.text("login"));
        assertEquals("librarian", a.text("role"));
        assertEquals("MAIN", a.text("library"));
        assertEquals(T0.plus(Duration.ofHours(8)), Instant.parse(a.text("expires_at")));
        String token = a.text("token");
        assertTrue(token.length() >= 43, token);
        assertNotEquals(token, api.token("grace"), "every login gets its own token");

        assertEquals(200, api.get("/items/I1", token).status());
        assertEquals(204, api.post("/auth/logout", token, null).status());
        problem(api.get("/items/I1", token), 401);
    }

    @Test
    void aWrongPasswordAnUnknownLoginAndADisabledAccountGet401() throws Exception {
        problem(api.login("root", "wrong"), 401);
        problem(api.login("nobody", PASSWORD), 401);
        Answer disabled = api.login("gone", PASSWORD);
        problem(disabled, 401);
        assertEquals("Invalid login or password.", disabled.text("detail"));
        Answer missing = api.post("/auth/login", null, "{\"login\":\"root\"}");
        problem(missing, 400);
        assertEquals("password", missing.json().path("errors").get(0).path("field").asText(), missing.raw().body());
    }

    @Test
    void fiveFailuresLockTheLoginForFiveMinutesWithoutTouchingOtherLogins() throws Exception {
        for (int i = 0; i < 5; i++) {
            problem(api.login("locked", "guess-" + i), 401);
        }
        Answer locked = api.login("locked", PASSWORD);
        problem(locked, 429);
        assertTrue(locked.text("detail").contains("locked"), locked.raw().body());
        assertEquals(200, api.login("root", PASSWORD).status(), "the lock is per login, not per address");

        clock.advance(Duration.ofMinutes(4));
        problem(api.login("locked", PASSWORD), 429);
        clock.advance(Duration.ofMinutes(1));
        assertEquals(200, api.login("locked", PASSWORD).status());
    }

    @Test
    void callsWithoutAWellFormedLiveTokenGet401() throws Exception {
        Answer none = api.get("/patrons/P1", null);
        problem(none, 401);
        assertTrue(none.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        problem(api.get("/patrons/P1", "not-a-token"), 401);
        problem(api.send("GET", "/patrons/P1", null, null, (String) null, "Authorization", "Basic cm9vdDpyb290"), 401);

        String token = api.token("expiry");
        assertEquals(200, api.get("/patrons/P1", token).status());
        clock.advance(Duration.ofHours(8));
        problem(api.get("/patrons/P1", token), 401);
    }

    // ------------------------------------------------------------------ errors

    @Test
    void aRoleWithoutThePermissionGets403() throws Exception {
        String technician = api.token("tim");
        Answer denied = api.send("PATCH", "/items/I12", technician, "application/json", "{\"status\":\"missing\"}");
        problem(denied, 403);
        assertTrue(denied.text("detail").contains("technician"), denied.raw().body());

        Answer changed = api.send("PATCH", "/items/I12", api.token("grace"), "application/json", "{\"status\":\"missing\",\"location\":\"Lost and found\"}");
        assertEquals(200, changed.status(), changed.raw().body());
        assertEquals("MISSING", changed.text("status"));
        assertEquals("Lost and found", changed.text("location"));
    }

    @Test
    void unknownBarcodesAndPathsGet404() throws Exception {
        String token = api.token("root");
        Answer item = api.get("/items/NOPE", token);
        problem(item, 404);
        assertEquals("UNKNOWN_ITEM", item.text("reason"));
        Answer patron = api.get("/patrons/NOPE", token);
        problem(patron, 404);
        assertEquals("UNKNOWN_PATRON", patron.text("reason"));
        problem(api.post("/checkins", token, "{\"item\":\"NOPE\"}"), 404);
        problem(api.get("/no-such-resource", token), 404);
    }

    @Test
    void invalidBodiesGet400NamingTheField() throws Exception {
        String token = api.token("root");
        Answer missing = api.post("/checkouts", token, "{\"patron\":\"P1\"}");
        problem(missing, 400);
        assertEquals("item", missing.json().path("errors").get(0).path("field").asText());
        assertEquals("required", missing.json().path("errors").get(0).path("reason").asText());

        Answer both = api.post("/checkouts", token, "{}");
        problem(both, 400);
        assertEquals(2, both.json().path("errors").size(), both.raw().body());

        Answer number = api.post("/checkouts", token, "{\"patron\":\"P1\",\"item\":42}");
        problem(number, 400);
        assertEquals("item", number.json().path("errors").get(0).path("field").asText(), number.raw().body());

        Answer unknown = api.post("/checkouts", token, "{\"patron\":\"P1\",\"item\":\"I1\",\"pin\":\"1234\"}");
        problem(unknown, 400);
        assertEquals("pin", unknown.json().path("errors").get(0).path("field").asText(), unknown.raw().body());
        assertEquals("unknown field", unknown.json().path("errors").get(0).path("reason").asText());

        problem(api.post("/checkouts", token, "{\"patron\": \"P1\", "), 400);
        problem(api.post("/checkouts", token, "[1, 2]"), 400);
        problem(api.post("/checkouts", token, ""), 400);
        Answer badStatus = api.send("PATCH", "/items/I11", token, "application/json", "{\"status\":\"checked_out\"}");
        problem(badStatus, 400);
        assertEquals("status", badStatus.json().path("errors").get(0).path("field").asText());
    }

    @Test
    void oversizedBodiesGet413AndOtherContentTypes415() throws Exception {
        String token = api.token("root");
        problem(api.post("/checkouts", token, "{\"patron\":\"" + "x".repeat(4096) + "\",\"item\":\"I1\"}"), 413);
        problem(api.send("POST", "/checkins", token, "text/plain", "I1"), 415);
        problem(api.send("DELETE", "/checkins", token, null, (String) null), 405);
    }

    // ------------------------------------------------------------------ circulation

    @Test
    void deskCheckoutRenewalAndCheckinSucceedAndAreLoggedWithTheStaffLogin() throws Exception {
        String token = api.token("grace");
        Answer out = api.post("/checkouts", token, "{\"patron\":\"P1\",\"item\":\"I1\"}");
        assertEquals(201, out.status(), out.raw().body());
        assertEquals("I1", out.json().path("item").path("barcode").asText());
        assertEquals("P1", out.json().path("patron").path("barcode").asText());
        assertEquals("Patron <b>P1</b>", out.json().path("patron").path("name").asText(), "names are data, stored and answered as text");
        assertFalse(out.json().path("renewal").asBoolean());
        Instant due = Instant.parse(out.text("due_at"));

        Answer patron = api.get("/patrons/P1", token);
        assertEquals(200, patron.status(), patron.raw().body());
        assertTrue(patron.json().path("loans").findValuesAsText("item_barcode").contains("I1"), patron.raw().body());
        assertEquals("USD", patron.json().path("balance").path("currency").asText(), patron.raw().body());
        assertFalse(patron.json().has("pin"));

        clock.advance(Duration.ofDays(1));
        token = api.token("grace"); // a new day, a new login: tokens last 8 hours
        Answer renewed = api.post("/checkouts/I1/renewal", token, null);
        assertEquals(201, renewed.status(), renewed.raw().body());
        assertEquals(1, renewed.json().path("renewals").asInt());
        assertTrue(Instant.parse(renewed.text("due_at")).isAfter(due), renewed.raw().body());

        Answer in = api.post("/checkins", token, "{\"item\":\"I1\"}");
        assertEquals(200, in.status(), in.raw().body());
        assertTrue(in.json().path("was_checked_out").asBoolean());
        assertEquals("RESHELVE", in.text("destination"));
        assertEquals("P1", in.json().path("previous_borrower").path("barcode").asText());

        long itemId = gateway.storage().read(tx -> tx.items().byBarcode("I1").orElseThrow().id()).get(30, TimeUnit.SECONDS);
        List<CirculationEvent> mine = events().stream().filter(e -> Long.valueOf(itemId).equals(e.itemId())).toList();
        assertEquals(List.of(EventType.CHECKOUT, EventType.RENEW, EventType.CHECKIN),
                mine.stream().map(CirculationEvent::type).filter(t -> t == EventType.CHECKOUT || t == EventType.RENEW
                        || t == EventType.CHECKIN).toList(), mine.toString());
        assertTrue(mine.stream().allMatch(e -> "grace".equals(e.actor()) && e.channel() == Channel.API && "staff-api".equals(e.terminal())),
                mine.toString());
    }

    @Test
    void refusalsAreConflictsThatSayWhatConflicts() throws Exception {
        String token = api.token("grace");
        assertEquals(201, api.post("/checkouts", token, "{\"patron\":\"P1\",\"item\":\"I2\"}").status());
        Answer taken = api.post("/checkouts", token, "{\"patron\":\"P2\",\"item\":\"I2\"}");
        problem(taken, 409);
        assertEquals("ITEM_CHECKED_OUT_TO_OTHER", taken.text("reason"), taken.raw().body());

        Answer notOut = api.post("/checkouts/I3/renewal", token, null);
        problem(notOut, 409);
        assertEquals("ITEM_NOT_CHECKED_OUT", notOut.text("reason"));
        assertTrue(notOut.text("detail").contains("I3"), notOut.raw().body());

        Answer lost = api.send("PATCH", "/items/I2", token, "application/json", "{\"status\":\"missing\"}");
        problem(lost, 409);
        assertTrue(lost.text("detail").contains("checked out"), lost.raw().body());
    }

    @Test
    void aCheckinThatTrapsAHoldNamesTheHoldPatronForTheSlip() throws Exception {
        String token = api.token("grace");
        assertEquals(201, api.post("/checkouts", token, "{\"patron\":\"P1\",\"item\":\"I4\"}").status());
        Outcome<?> hold = gateway.port().execute(new Commands.PlaceHold(RequestContext.of(Channel.DESK, "test", "MAIN"), "P2", "I4", null,
                "MAIN", null)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(hold.isSuccess(), hold.toString());

        Answer in = api.post("/checkins", token, "{\"item\":\"I4\"}");
        assertEquals(200, in.status(), in.raw().body());
        assertEquals("HOLD_SHELF", in.text("destination"), in.raw().body());
        assertEquals("P2", in.json().path("hold").path("patron_barcode").asText(), in.raw().body());
        assertEquals("MAIN", in.json().path("hold").path("pickup_library").asText());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstOutcomeAndNeverActsTwice() throws Exception {
        String token = api.token("grace");
        Answer first = api.post("/checkouts", token, "{\"patron\":\"P3\",\"item\":\"I5\"}", "Idempotency-Key", "desk-1-0001");
        assertEquals(201, first.status(), first.raw().body());
        clock.advance(Duration.ofHours(1));
        Answer retry = api.post("/checkouts", token, "{\"patron\":\"P3\",\"item\":\"I5\"}", "Idempotency-Key", "desk-1-0001");
        assertEquals(201, retry.status(), retry.raw().body());
        assertEquals(first.json(), retry.json(), "the first outcome, not a renewal");
        assertFalse(retry.json().path("renewal").asBoolean());

        long itemId = gateway.storage().read(tx -> tx.items().byBarcode("I5").orElseThrow().id()).get(30, TimeUnit.SECONDS);
        assertEquals(1, events().stream().filter(e -> e.type() == EventType.CHECKOUT && Long.valueOf(itemId).equals(e.itemId())).count());
        assertEquals(0, events().stream().filter(e -> e.type() == EventType.RENEW && Long.valueOf(itemId).equals(e.itemId())).count());

        Answer reused = api.post("/checkouts", token, "{\"patron\":\"P3\",\"item\":\"I6\"}", "Idempotency-Key", "desk-1-0001");
        problem(reused, 409);
        assertEquals("DUPLICATE", reused.text("reason"), reused.raw().body());
        Answer badKey = api.post("/checkouts", token, "{\"patron\":\"P3\",\"item\":\"I6\"}", "Idempotency-Key", "x".repeat(300));
        problem(badKey, 400);
        assertEquals("Idempotency-Key", badKey.json().path("errors").get(0).path("field").asText());
    }

    @Test
    void aLibraryScopedAccountActsOnlyInItsInstitution() throws Exception {
        String branch = api.token("tim"); // EAST, which belongs to the MAIN institution
        assertEquals(200, api.get("/items/I7", branch).status(), "a branch account acts in its whole institution");
        problem(api.get("/items/NI1", branch), 404);
        problem(api.get("/patrons/N1", branch), 404);
        problem(api.post("/checkouts", branch, "{\"patron\":\"N1\",\"item\":\"NI1\"}"), 404);
        problem(api.post("/checkouts", branch, "{\"patron\":\"P1\",\"item\":\"NI1\"}"), 404);

        String admin = api.token("root"); // no library: every institution
        assertEquals(200, api.get("/items/NI1", admin).status());
        Answer north = api.post("/checkouts", admin, "{\"patron\":\"N1\",\"item\":\"NI1\"}");
        assertEquals(201, north.status(), north.raw().body());
        problem(api.post("/checkins", branch, "{\"item\":\"NI1\"}"), 404);
    }

    @Test
    void theOpenApiDocumentIsServedWithoutATokenAndDescribesTheDesk() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.httpPort() + "/api/openapi.json")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode doc = JSON.readTree(r.body());
        assertTrue(doc.path("openapi").asText().startsWith("3."));
        JsonNode checkout = doc.path("paths").path("/checkouts").path("post");
        assertEquals("circulation", checkout.path("x-permission").asText(), checkout.toString());
        assertTrue(checkout.path("responses").has("409"), "a refused checkout is documented as 409");
    }
}
