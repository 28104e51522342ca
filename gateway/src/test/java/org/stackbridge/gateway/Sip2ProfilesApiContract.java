package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.gateway.StaffApiClient.invalid;
import static org.stackbridge.gateway.StaffApiClient.ok;
import static org.stackbridge.gateway.StaffApiClient.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;

/**
 * SIP2 terminal profiles edited through {@code /api/v1/sip2-profiles} over real HTTP and real SIP2, on H2 and on
 * PostgreSQL: a stored profile overrides the configuration's of the same name and a connected kiosk's next answer
 * follows it (screen message, due-date format, a policy key), removing it brings the configuration's back; accounts
 * can only name profiles that exist; bad profiles are 400s naming the field; only admins may do this.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class Sip2ProfilesApiContract {

    abstract TestGateways.Store store();

    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    static final String PASSWORD = "correct horse";

    @TempDir
    static Path data;
    TestClock clock;
    Gateway gateway;
    StaffApiClient api;
    String root;
    String grace;

    @BeforeAll
    void start() throws Exception {
        clock = new TestClock(T0);
        SecretHasher hasher = new SecretHasher(1_000);
        gateway = TestGateways.start(store(), data, clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "sip2-accounts:",
                "  - {login: kiosk, password-hash: \"" + hasher.hash("kiosk") + "\", institution: MAIN, profile: lobby}",
                "patron-categories: [ADULT]",
                "item-types: [BOOK]",
                "policies:",
                "  - {library: '*', category: '*', item-type: '*', loan-period: 21, max-loans: 0, closed-days: keep}",
                "security: {hash-iterations: 1000}",
                "engine: {maintenance-minutes: 0}",
                "sip2:",
                "  profiles:",
                "    lobby: {screen-messages: {CHECKOUT_OK: Enjoy}}",
                "    sorter: {checkin-not-on-loan: ok}");
        String hash = hasher.hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("root", hash, StaffRole.ADMIN, null, true));
            tx.staff().save(new StaffAccount("grace", hash, StaffRole.LIBRARIAN, "MAIN", true));
            tx.patrons().insert(new Patron(0, "P1", null, "Ada", "ADULT", null, null, null, LocalDate.of(2099, 1, 1), "MAIN", false));
            BibRecord bib = tx.bibs().insert(new BibRecord(0, "b1", "Dune", "Herbert", null, null, null, null));
            for (int i = 1; i <= 9; i++) {
                tx.items().insert(new Item(0, "I" + i, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA", BigDecimal.TEN,
                        ItemStatus.AVAILABLE, null, null));
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
        api = new StaffApiClient(() -> gateway.httpPort());
        root = api.token("root", PASSWORD);
        grace = api.token("grace", PASSWORD);
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Sip2Requests rq() {
        return new Sip2Requests(clock, "MAIN");
    }

    private List<CirculationEvent> profileEvents() throws Exception {
        return gateway.storage().read(tx -> tx.events().between(T0.minusSeconds(60), T0.plusSeconds(86_400), 10_000)).get(30, TimeUnit.SECONDS)
                .stream().filter(e -> e.type() == EventType.TERMINAL_PROFILE_CHANGED).toList();
    }

    @Test
    void aProfileChangedThroughTheApiChangesAConnectedKiosksNextAnswerAndRemovingItBringsTheConfigurationsBack() throws Exception {
        try (Sip2Client c = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            Sip2Requests rq = rq();
            assertEquals("1", c.send(rq.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK));
            Sip2Message first = c.send(rq.checkout("P1", "I1", null));
            assertEquals("1", first.fixed(FixedField.OK), first.toString());
            assertEquals("Enjoy", first.field(FieldCode.AF), "the configuration's screen message");
            assertEquals("0", c.send(rq.checkin("I9", "MAIN")).fixed(FixedField.OK), "a check-in of an item not on loan is refused");

            JsonNode put = ok(api.put("/sip2-profiles/lobby", root, Map.of("screen_messages", Map.of("CHECKOUT_OK", "Changed"),
                    "due_date_format", "yyyy-MM-dd", "checkin_not_on_loan", "ok")), 200).json();
            assertEquals("database", put.path("source").asText(), put.toString());
            assertTrue(put.path("overrides_configuration").asBoolean(), put.toString());
            assertEquals("yyyy-MM-dd", put.path("settings").path("due_date_format").asText(), put.toString());
            assertEquals("UTF-8", put.path("settings").path("charset").asText(), "absent fields take their defaults: " + put);

            // the same connection, without logging in again
            Sip2Message second = c.send(rq.checkout("P1", "I2", null));
            assertEquals("1", second.fixed(FixedField.OK), second.toString());
            assertEquals("Changed", second.field(FieldCode.AF), second.toString());
            assertEquals("2026-11-23", second.field(FieldCode.AH), "the stored profile's due-date format");
            assertEquals("1", c.send(rq.checkin("I9", "MAIN")).fixed(FixedField.OK), "the stored profile's checkin-not-on-loan: ok");

            JsonNode shown = ok(api.get("/sip2-profiles/lobby", root), 200).json();
            assertEquals("database", shown.path("source").asText(), shown.toString());
            assertEquals("Changed", shown.path("settings").path("screen_messages").path("CHECKOUT_OK").asText(), shown.toString());
            assertEquals("ok", shown.path("stored").path("checkin_not_on_loan").asText(), shown.toString());

            ok(api.delete("/sip2-profiles/lobby", root), 204);
            Sip2Message third = c.send(rq.checkout("P1", "I3", null));
            assertEquals("Enjoy", third.field(FieldCode.AF), "back to the configuration's profile: " + third);
            assertEquals("0", c.send(rq.checkin("I9", "MAIN")).fixed(FixedField.OK));
            JsonNode back = ok(api.get("/sip2-profiles/lobby", root), 200).json();
            assertEquals("configuration", back.path("source").asText(), back.toString());
            assertEquals("Enjoy", back.path("settings").path("screen_messages").path("CHECKOUT_OK").asText(), back.toString());
        }
        List<CirculationEvent> events = profileEvents().stream().filter(e -> e.detail().contains("lobby")).toList();
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.stream().allMatch(e -> "root".equals(e.actor())), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.detail().startsWith("before=none") && e.detail().contains("Changed")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.detail().endsWith("after=none")), events.toString());
    }

    @Test
    void aStoredProfileCanBeGivenToAnAccountAndAnUnknownOneIsRefused() throws Exception {
        invalid(api.post("/sip2/accounts", root, Map.of("login", "night1", "password", "s3cret", "institution", "MAIN",
                "profile", "night")), "profile");
        ok(api.put("/sip2-profiles/night", root, Map.of("screen_messages", Map.of("CHECKOUT_OK", "Good night"))), 200);
        ok(api.post("/sip2/accounts", root, Map.of("login", "night1", "password", "s3cret", "institution", "MAIN",
                "profile", "night")), 201);
        try (Sip2Client c = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            assertEquals("1", c.send(rq().login("night1", "s3cret", "MAIN")).fixed(FixedField.OK));
            assertEquals("Good night", c.send(rq().checkout("P1", "I4", null)).field(FieldCode.AF));
        }
        StaffApiClient.Answer inUse = problem(api.delete("/sip2-profiles/night", root), 409);
        assertTrue(inUse.text("detail").contains("night1"), inUse.raw().body());
        ok(api.patch("/sip2/accounts/night1", root, Map.of("profile", "default")), 200);
        ok(api.delete("/sip2-profiles/night", root), 204);
        problem(api.get("/sip2-profiles/night", root), 404);
        invalid(api.patch("/sip2/accounts/night1", root, Map.of("profile", "night")), "profile");
    }

    @Test
    void theListShowsEveryProfileWithItsSource() throws Exception {
        ok(api.put("/sip2-profiles/listed", root, Map.of("language", "002")), 200);
        StaffApiClient.Answer list = ok(api.get("/sip2-profiles?_per_page=100", root), 200);
        JsonNode all = list.json();
        assertTrue(all.isArray(), list.raw().body());
        Map<String, String> sources = new java.util.TreeMap<>();
        all.forEach(p -> sources.put(p.path("name").asText(), p.path("source").asText()));
        assertEquals("configuration", sources.get("default"), sources.toString());
        assertEquals("configuration", sources.get("sorter"), sources.toString());
        assertEquals("database", sources.get("listed"), sources.toString());
        ok(api.delete("/sip2-profiles/listed", root), 204);
    }

    @Test
    void badProfilesAre400sNamingTheFieldAndOnlyAdminsMayEditThem() throws Exception {
        invalid(api.put("/sip2-profiles/bad", root, Map.of("error_detection", "SOMETIMES")), "error_detection");
        invalid(api.put("/sip2-profiles/bad", root, Map.of("bogus_key", 1)), "bogus_key");
        invalid(api.put("/sip2-profiles/bad", root, Map.of("max_field_length", 0)), "max_field_length");
        invalid(api.put("/sip2-profiles/bad", root, Map.of("charset", "KLINGON")), "charset");
        invalid(api.put("/sip2-profiles/bad", root, Map.of("timeout_period", "soon")), "timeout_period");
        problem(api.put("/sip2-profiles/bad", root, "[1, 2]"), 400);
        invalid(api.put("/sip2-profiles/" + "x".repeat(65), root, Map.of()), "name");
        problem(api.get("/sip2-profiles/bad", root), 404);
        problem(api.put("/sip2-profiles/bad", grace, Map.of("language", "002")), 403);
        problem(api.get("/sip2-profiles/default", grace), 403);
        problem(api.delete("/sip2-profiles/default", grace), 403);
        problem(api.get("/sip2-profiles/default", null), 401);
        StaffApiClient.Answer configOnly = problem(api.delete("/sip2-profiles/sorter", root), 409);
        assertTrue(configOnly.text("detail").contains("configuration"), configOnly.raw().body());
        problem(api.delete("/sip2-profiles/nothing", root), 404);
        assertFalse(profileEvents().stream().anyMatch(e -> e.detail().contains("bad")), "nothing stored for refused profiles");
    }
}
