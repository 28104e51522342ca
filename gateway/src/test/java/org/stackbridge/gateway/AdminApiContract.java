package org.stackbridge.gateway;

import java.time.Duration;
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
import java.util.function.BooleanSupplier;
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
import org.stackbridge.core.testing.Await;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;

/**
 * The administration API over real HTTP against the whole gateway, on H2 and on PostgreSQL: libraries and closed days,
 * patron categories and item types, circulation rules, SIP2 accounts and profiles, staff accounts and the live
 * terminal status. Each change applies at once (a SIP2 checkout, a SIP2 login, a staff token) and is logged with the
 * staff login and the before and after values. One gateway serves the class; each test uses its own codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class AdminApiContract {

    /** The store this run uses; {@link AdminApiH2IT} and {@link AdminApiPostgresIT} run every test on each. */
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
    String tim;

    @BeforeAll
    void start() throws Exception {
        clock = new TestClock(T0);
        SecretHasher hasher = new SecretHasher(1_000);
        gateway = TestGateways.start(store(), data, clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "  - {code: EAST, name: East Branch, institution: MAIN}",
                "sip2-accounts:",
                "  - {login: kiosk, password-hash: \"" + hasher.hash("kiosk") + "\", institution: MAIN}",
                "patron-categories: [ADULT, CHILD]",
                "item-types: [BOOK, DVD]",
                "policies:",
                "  - {library: '*', category: '*', item-type: '*', loan-period: 21, max-loans: 0, closed-days: keep}",
                "security: {hash-iterations: 1000}",
                "engine: {maintenance-minutes: 0}",
                "sip2:",
                "  profiles:",
                "    default: {due-date-format: \"yyyy-MM-dd\"}",
                "    sorter: {checkin-not-on-loan: ok}");
        String hash = hasher.hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("root", hash, StaffRole.ADMIN, null, true));
            tx.staff().save(new StaffAccount("grace", hash, StaffRole.LIBRARIAN, "MAIN", true));
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "MAIN", true));
            tx.patrons().insert(new Patron(0, "P1", null, "Ada", "ADULT", null, null, null, LocalDate.of(2099, 1, 1), "MAIN", false));
            BibRecord bib = tx.bibs().insert(new BibRecord(0, "b1", "Dune", "Herbert", null, null, null, null));
            for (int i = 1; i <= 10; i++) {
                tx.items().insert(new Item(0, "I" + i, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA", BigDecimal.TEN,
                        ItemStatus.AVAILABLE, null, null));
            }
            tx.items().insert(new Item(0, "D1", bib.id(), "DVD", "MAIN", "MAIN", "Stacks", "QA", BigDecimal.TEN, ItemStatus.AVAILABLE, null, null));
            return null;
        }).get(30, TimeUnit.SECONDS);
        api = new StaffApiClient(() -> gateway.httpPort());
        root = api.token("root", PASSWORD);
        grace = api.token("grace", PASSWORD);
        tim = api.token("tim", PASSWORD);
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private List<CirculationEvent> events(EventType type) throws Exception {
        return gateway.storage().read(tx -> tx.events().between(T0.minusSeconds(60), T0.plusSeconds(86_400), 10_000)).get(30, TimeUnit.SECONDS)
                .stream().filter(e -> e.type() == type).toList();
    }

    private static JsonNode byField(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        return null;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(Duration.ofSeconds(20), condition, what);
    }

    private Sip2Client sip2() throws Exception {
        return Sip2Client.connect("127.0.0.1", gateway.sip2().port());
    }

    private final Sip2Requests rq() {
        return new Sip2Requests(clock, "MAIN");
    }

    // ------------------------------------------------------------------ libraries

    @Test
    void everyStaffRoleReadsLibrariesAndWhatTheConfigurationDefinesIsMarked() throws Exception {
        StaffApiClient.Answer list = ok(api.get("/libraries?_per_page=100", tim), 200);
        JsonNode main = byField(list.json(), "code", "MAIN");
        assertEquals("configuration", main.path("source").asText(), list.raw().body());
        assertEquals("UTC", main.path("timezone").asText());
        assertTrue(Integer.parseInt(list.raw().headers().firstValue("X-Total-Count").orElse("0")) >= 2, list.raw().body());
        assertEquals("East Branch", ok(api.get("/libraries/EAST", tim), 200).text("name"));
        problem(api.get("/libraries/NOPE", tim), 404);
        problem(api.get("/libraries", null), 401);
    }

    @Test
    void anAdminAddsAndChangesALibraryAndTheEventLogNamesHimWithBeforeAndAfter() throws Exception {
        StaffApiClient.Answer added = ok(api.post("/libraries", root, Map.of("code", "WEST", "name", "West <b>Branch</b>",
                "institution", "MAIN", "timezone", "Europe/Paris", "closed_weekdays", List.of("SUNDAY"))), 201);
        assertEquals("West <b>Branch</b>", added.text("name"), "HTML in names is stored as text");
        assertEquals("database", added.text("source"));
        assertEquals("Europe/Paris", added.text("timezone"));

        StaffApiClient.Answer changed = ok(api.patch("/libraries/WEST", root, Map.of("name", "West Library")), 200);
        assertEquals("West Library", changed.text("name"));
        assertEquals("Europe/Paris", changed.text("timezone"), "what the change leaves out stays");
        CirculationEvent e = events(EventType.LIBRARY_CHANGED).stream().filter(x -> x.detail().contains("West Library")).findFirst().orElseThrow();
        assertEquals("root", e.actor());
        assertTrue(e.detail().contains("before=Library[code=WEST, name=West <b>Branch</b>") && e.detail().contains("after=Library[code=WEST, name=West Library"),
                e.detail());

        problem(api.post("/libraries", root, Map.of("code", "WEST", "name", "Again")), 409);
        problem(api.patch("/libraries/MAIN", root, Map.of("name", "Renamed")), 409);
        assertTrue(api.patch("/libraries/MAIN", root, Map.of("name", "Renamed")).text("detail").contains("configuration file"));
        problem(api.patch("/libraries/NOPE", root, Map.of("name", "x")), 404);
        problem(api.post("/libraries", grace, Map.of("code", "G1", "name", "Grace's")), 403);
    }

    @Test
    void aLibraryWithBadFieldsIsA400NamingEachField() throws Exception {
        invalid(api.post("/libraries", root, Map.of("code", "BAD1", "name", "Bad", "timezone", "Mars/Olympus")), "timezone");
        invalid(api.post("/libraries", root, Map.of("code", "BAD2", "name", "Bad", "institution", "EAST")), "institution");
        invalid(api.post("/libraries", root, Map.of("code", "has space", "name", "Bad")), "code");
        invalid(api.post("/libraries", root, Map.of("code", "BAD3")), "name");
        invalid(api.post("/libraries", root, Map.of("code", "BAD4", "name", "Bad", "colour", "red")), "colour");
        problem(api.get("/libraries/BAD1", root), 404);
    }

    @Test
    void closedDaysAreReplacedAndRead() throws Exception {
        ok(api.post("/libraries", root, Map.of("code", "SOUTH", "name", "South")), 201);
        StaffApiClient.Answer put = ok(api.put("/libraries/SOUTH/closed-days", root,
                Map.of("weekdays", List.of("sunday", "MONDAY"), "dates", List.of("2026-12-25"))), 200);
        assertEquals("[\"MONDAY\",\"SUNDAY\"]", put.json().path("weekdays").toString());
        assertEquals("[\"2026-12-25\"]", put.json().path("dates").toString());
        assertEquals(put.json(), ok(api.get("/libraries/SOUTH/closed-days", tim), 200).json());
        invalid(api.put("/libraries/SOUTH/closed-days", root, Map.of("weekdays", List.of("FUNDAY"))), "weekdays");
        invalid(api.put("/libraries/SOUTH/closed-days", root, Map.of("dates", List.of("25/12/2026"))), "dates");
        problem(api.put("/libraries/SOUTH/closed-days", tim, Map.of("weekdays", List.of())), 403);
        problem(api.put("/libraries/MAIN/closed-days", root, Map.of("weekdays", List.of())), 409);
    }

    // ------------------------------------------------------------------ code lists

    @Test
    void patronCategoriesAndItemTypesAreListedAddedAndRemoved() throws Exception {
        JsonNode categories = ok(api.get("/patron-categories", tim), 200).json();
        assertEquals("configuration", byField(categories, "code", "ADULT").path("source").asText(), categories.toString());
        StaffApiClient.Answer added = ok(api.post("/patron-categories", root, Map.of("code", "SENIOR", "description", "Over 65")), 201);
        assertEquals("database", added.text("source"));
        problem(api.post("/patron-categories", root, Map.of("code", "SENIOR")), 409);
        problem(api.post("/patron-categories", root, Map.of("code", "ADULT")), 409);
        problem(api.delete("/patron-categories/ADULT", root), 409);
        problem(api.delete("/patron-categories/NOPE", root), 404);
        problem(api.post("/patron-categories", tim, Map.of("code", "TEEN")), 403);
        invalid(api.post("/patron-categories", root, Map.of("code", "")), "code");
        ok(api.delete("/patron-categories/SENIOR", root), 204);
        assertEquals(null, byField(ok(api.get("/patron-categories", tim), 200).json(), "code", "SENIOR"));

        ok(api.post("/item-types", root, Map.of("code", "MAGAZINE")), 201);
        JsonNode rule = ok(api.post("/circulation-rules", root, Map.of("item_type", "MAGAZINE", "loan_period", 7)), 201).json();
        StaffApiClient.Answer inUse = problem(api.delete("/item-types/MAGAZINE", root), 409);
        assertTrue(inUse.text("detail").contains("circulation rule"), inUse.raw().body());
        ok(api.delete("/circulation-rules/" + rule.path("id").asText(), root), 204);
        await(() -> {
            try {
                return api.delete("/item-types/MAGAZINE", root).status() == 204;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "the rule is gone from the rule table");
        assertEquals("root", events(EventType.CODE_CHANGED).get(0).actor());
    }

    // ------------------------------------------------------------------ rules

    @Test
    void rulesAreListedWithTheirSourceAndConfigurationRulesCannotBeChanged() throws Exception {
        JsonNode rules = ok(api.get("/circulation-rules?_per_page=100", tim), 200).json();
        String configId = null;
        for (JsonNode r : rules) {
            if (r.path("id").asText().startsWith("config-") && r.path("source").asText().endsWith("policies[0]")) {
                configId = r.path("id").asText();
                assertEquals(21, r.path("loan_period").asInt(), r.toString());
                assertEquals("*", r.path("library").asText(), r.toString());
            }
        }
        assertTrue(configId != null, "the configuration's rule is listed with its source: " + rules);
        StaffApiClient.Answer refused = problem(api.patch("/circulation-rules/" + configId, root, Map.of("loan_period", 3)), 409);
        assertTrue(refused.text("detail").contains("configuration file"), refused.raw().body());
        problem(api.patch("/circulation-rules/999999", root, Map.of("loan_period", 3)), 404);
        problem(api.delete("/circulation-rules/999999", root), 404);
        problem(api.post("/circulation-rules", grace, Map.of("loan_period", 3)), 403);
    }

    @Test
    void aRuleWithBadValuesIsA400NamingTheField() throws Exception {
        invalid(api.post("/circulation-rules", root, Map.of("loan_period", -1)), "loan_period");
        invalid(api.post("/circulation-rules", root, Map.of("library", "NOPE")), "library");
        invalid(api.post("/circulation-rules", root, Map.of("category", "ALIEN")), "category");
        invalid(api.post("/circulation-rules", root, Map.of("loan_unit", "weeks")), "loan_unit");
        invalid(api.post("/circulation-rules", root, Map.of("fine_per_day", Map.of("amount", "abc", "currency", "USD"))), "fine_per_day.amount");
        invalid(api.post("/circulation-rules", root, Map.of("fine_per_day", Map.of("amount", "1.00", "currency", "EUR"))), "currency");
    }

    @Test
    void theEffectiveRuleSaysWhichRuleAppliesAndWhy() throws Exception {
        StaffApiClient.Answer added = ok(api.post("/circulation-rules", root, Map.of("library", "EAST", "item_type", "DVD", "loan_period", 2,
                "fine_per_day", Map.of("amount", "1.50", "currency", "USD"))), 201);
        String id = added.text("id");
        assertEquals("1.50", added.json().path("fine_per_day").path("amount").asText(), added.raw().body());
        assertEquals("USD", added.json().path("fine_per_day").path("currency").asText());
        assertEquals(7, added.json().path("hold_shelf_days").asInt(), "left out: from the (*, *, *) rule in effect " + added.raw().body());
        assertEquals(2, added.json().path("renewals").asInt(), "left out: from the (*, *, *) rule in effect " + added.raw().body());
        StaffApiClient.Answer effective = ok(api.get("/circulation-rules/effective?library=EAST&category=ADULT&item_type=DVD", tim), 200);
        assertEquals(id, effective.json().path("rule").path("id").asText(), effective.raw().body());
        assertEquals(2, effective.json().path("rule").path("loan_period").asInt());
        assertTrue(effective.json().path("explanation").toString().contains("chosen"), effective.raw().body());
        StaffApiClient.Answer elsewhere = ok(api.get("/circulation-rules/effective?library=MAIN&category=ADULT&item_type=DVD", tim), 200);
        assertTrue(elsewhere.json().path("rule").path("id").asText().startsWith("config-"), elsewhere.raw().body());
        invalid(api.get("/circulation-rules/effective?library=MAIN&category=ALIEN&item_type=DVD", tim), "category");
        invalid(api.get("/circulation-rules/effective?library=NOPE&category=ADULT&item_type=DVD", tim), "library");
        invalid(api.get("/circulation-rules/effective?library=MAIN&category=ADULT&item_type=SPACESHIP", tim), "item_type");
        invalid(api.get("/circulation-rules/effective?library=MAIN&category=ADULT", tim), "item_type");
        ok(api.delete("/circulation-rules/" + id, root), 204);
        CirculationEvent removed = events(EventType.RULE_CHANGED).stream().filter(e -> e.detail().endsWith("after=none")).findFirst().orElseThrow();
        assertEquals("root", removed.actor());
    }

    @Test
    void aRuleChangedThroughTheApiChangesTheNextSip2CheckoutsDueDateAtOnce() throws Exception {
        try (Sip2Client c = sip2()) {
            Sip2Requests rq = rq();
            assertEquals("1", c.send(rq.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK));
            Sip2Message first = c.send(rq.checkout("P1", "I1", null));
            assertEquals("1", first.fixed(FixedField.OK), first.toString());
            assertEquals("2026-11-23", first.field(FieldCode.AH), "the configuration's 21 days");

            String id = ok(api.post("/circulation-rules", root, Map.of("item_type", "BOOK", "loan_period", 3)), 201).text("id");
            Sip2Message second = c.send(rq.checkout("P1", "I2", null));
            assertEquals("2026-11-05", second.field(FieldCode.AH), "the new rule's 3 days, at once");

            ok(api.patch("/circulation-rules/" + id, root, Map.of("loan_period", 5)), 200);
            assertEquals("2026-11-07", c.send(rq.checkout("P1", "I3", null)).field(FieldCode.AH), "the changed rule's 5 days");

            ok(api.delete("/circulation-rules/" + id, root), 204);
            assertEquals("2026-11-23", c.send(rq.checkout("P1", "I4", null)).field(FieldCode.AH), "back to the configuration's rule");
        }
        CirculationEvent change = events(EventType.RULE_CHANGED).stream().filter(e -> e.detail().contains("loanPeriod=5")).findFirst().orElseThrow();
        assertEquals("root", change.actor());
        assertTrue(change.detail().contains("loanPeriod=3") && change.detail().contains("loanPeriod=5"), change.detail());
    }

    // ------------------------------------------------------------------ SIP2 accounts

    @Test
    void aTerminalAccountAddedThroughTheApiLogsInOverSip2AtOnceAndDisablingItRefusesTheNextLogin() throws Exception {
        StaffApiClient.Answer added = ok(api.post("/sip2/accounts", root, Map.of("login", "kiosk2", "password", "s3cret",
                "institution", "MAIN", "profile", "sorter")), 201);
        assertEquals("database", added.text("source"));
        assertFalse(added.raw().body().contains("s3cret") || added.raw().body().contains("pbkdf2"), added.raw().body());
        try (Sip2Client c = sip2()) {
            assertEquals("1", c.send(rq().login("kiosk2", "s3cret", "MAIN")).fixed(FixedField.OK));
        }
        ok(api.patch("/sip2/accounts/kiosk2", root, Map.of("enabled", false)), 200);
        try (Sip2Client c = sip2()) {
            assertEquals("0", c.send(rq().login("kiosk2", "s3cret", "MAIN")).fixed(FixedField.OK));
        }
        ok(api.patch("/sip2/accounts/kiosk2", root, Map.of("enabled", true, "password", "n3w")), 200);
        try (Sip2Client c = sip2()) {
            assertEquals("0", c.send(rq().login("kiosk2", "s3cret", "MAIN")).fixed(FixedField.OK));
        }
        try (Sip2Client c = sip2()) {
            assertEquals("1", c.send(rq().login("kiosk2", "n3w", "MAIN")).fixed(FixedField.OK));
        }
        CirculationEvent e = events(EventType.TERMINAL_ACCOUNT_CHANGED).stream().filter(x -> x.detail().contains("password changed"))
                .findFirst().orElseThrow();
        assertEquals("root", e.actor());
        assertFalse(e.detail().contains("n3w") || e.detail().contains("pbkdf2"), e.detail());
    }

    @Test
    void terminalAccountsAnswer403To404And409AndNameBadFields() throws Exception {
        problem(api.post("/sip2/accounts", grace, Map.of("login", "k3", "password", "x", "institution", "MAIN")), 403);
        problem(api.get("/sip2/accounts", grace), 403);
        problem(api.post("/sip2/accounts", root, Map.of("login", "kiosk", "password", "x", "institution", "MAIN")), 409);
        problem(api.patch("/sip2/accounts/kiosk", root, Map.of("enabled", false)), 409);
        problem(api.patch("/sip2/accounts/nobody", root, Map.of("enabled", false)), 404);
        invalid(api.post("/sip2/accounts", root, Map.of("login", "k4", "password", "x", "institution", "EAST")), "institution");
        invalid(api.post("/sip2/accounts", root, Map.of("login", "k5", "password", "x", "institution", "MAIN", "profile", "nope")), "profile");
        invalid(api.post("/sip2/accounts", root, Map.of("login", "k6", "institution", "MAIN")), "password");
        JsonNode kiosk = byField(ok(api.get("/sip2/accounts", root), 200).json(), "login", "kiosk");
        assertEquals("configuration", kiosk.path("source").asText());
        StaffApiClient.Answer profiles = ok(api.get("/sip2/profiles", root), 200);
        assertTrue(profiles.json().path("editable").asBoolean(), profiles.raw().body());
        assertTrue(profiles.text("how_to_change").contains("/sip2-profiles"), profiles.raw().body());
        assertEquals("yyyy-MM-dd", profiles.json().path("profiles").path("default").path("due_date_format").asText(), profiles.raw().body());
        assertEquals("ok", profiles.json().path("profiles").path("sorter").path("checkin_not_on_loan").asText(), profiles.raw().body());
    }

    // ------------------------------------------------------------------ staff accounts

    @Test
    void aStaffAccountAddedThroughTheApiLogsInAndDisablingItEndsItsTokenAtOnce() throws Exception {
        StaffApiClient.Answer added = ok(api.post("/staff", root, Map.of("login", "nina", "password", "long enough",
                "role", "technician", "library", "EAST")), 201);
        assertEquals("technician", added.text("role"));
        assertFalse(added.raw().body().contains("long enough"), added.raw().body());
        String nina = api.token("nina", "long enough");
        ok(api.get("/libraries", nina), 200);
        ok(api.patch("/staff/nina", root, Map.of("enabled", false)), 200);
        problem(api.get("/libraries", nina), 401);
        problem(api.post("/auth/login", null, Map.of("login", "nina", "password", "long enough")), 401);
        CirculationEvent e = events(EventType.STAFF_ACCOUNT_CHANGED).stream().filter(x -> x.detail().contains("login=nina")
                && x.detail().contains("enabled=false")).findFirst().orElseThrow();
        assertEquals("root", e.actor());
        assertTrue(e.detail().contains("enabled=true") && e.detail().contains("enabled=false"), e.detail());
    }

    @Test
    void staffAccountsAnswer403To404And409AndNameBadFields() throws Exception {
        problem(api.get("/staff", grace), 403);
        problem(api.post("/staff", tim, Map.of("login", "x1", "password", "long enough", "role", "admin")), 403);
        problem(api.post("/staff", root, Map.of("login", "grace", "password", "long enough", "role", "admin")), 409);
        problem(api.patch("/staff/nobody", root, Map.of("role", "admin")), 404);
        invalid(api.post("/staff", root, Map.of("login", "x2", "password", "long enough", "role", "wizard")), "role");
        invalid(api.post("/staff", root, Map.of("login", "x3", "password", "short", "role", "technician")), "password");
        invalid(api.post("/staff", root, Map.of("login", "x4", "password", "long enough", "role", "technician", "library", "NOPE")), "library");
        JsonNode all = ok(api.get("/staff?role=librarian", root), 200).json();
        assertEquals("grace", all.get(0).path("login").asText(), all.toString());
        assertEquals(1, all.size(), all.toString());
    }

    @Test
    void aRoleChangeEndsTheTokensOfThatAccount() throws Exception {
        ok(api.post("/staff", root, Map.of("login", "olga", "password", "long enough", "role", "technician")), 201);
        String olga = api.token("olga", "long enough");
        problem(api.post("/libraries", olga, Map.of("code", "OLGA", "name", "x")), 403);
        ok(api.patch("/staff/olga", root, Map.of("role", "admin")), 200);
        problem(api.get("/libraries", olga), 401);
        String again = api.token("olga", "long enough");
        ok(api.post("/libraries", again, Map.of("code", "OLGA", "name", "Olga's")), 201);
    }

    // ------------------------------------------------------------------ terminals

    @Test
    void aSip2ClientConnectedDuringTheTestShowsAsConnectedWithItsAddressAndCounts() throws Exception {
        try (Sip2Client c = sip2()) {
            Sip2Requests rq = rq();
            assertEquals("1", c.send(rq.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK));
            c.send(rq.scStatus());
            Sip2Message refused = c.send(rq.checkout("NOBODY", "I9", null));
            assertEquals("0", refused.fixed(FixedField.OK));
            StaffApiClient.Answer list = ok(api.get("/terminals?_per_page=100", tim), 200);
            JsonNode kiosk = byField(list.json(), "login", "kiosk");
            assertTrue(kiosk.path("connected").asBoolean(), list.raw().body());
            assertEquals("[\"127.0.0.1\"]", kiosk.path("addresses").toString());
            assertEquals("11", kiosk.path("last_message").asText());
            assertEquals(T0.toString(), kiosk.path("last_message_at").asText().replace(".000", ""));
            assertTrue(kiosk.path("messages_today").asLong() >= 3, list.raw().body());
            assertTrue(kiosk.path("refusals_today").asLong() >= 1, list.raw().body());
            assertFalse(kiosk.path("offline").asBoolean());
            assertEquals("configuration", kiosk.path("source").asText());
        }
        await(() -> {
            try {
                return byField(api.get("/terminals?connected=false&_per_page=100", tim).json(), "login", "kiosk") != null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "the closed connection shows as not connected");
    }
}
