package org.stackbridge.gateway;

import static org.stackbridge.gateway.StaffApiClient.invalid;
import static org.stackbridge.gateway.StaffApiClient.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.sip2.spec.FieldCode.AF;
import static org.stackbridge.sip2.spec.FieldCode.BL;
import static org.stackbridge.sip2.spec.FieldCode.CQ;
import static org.stackbridge.sip2.spec.FixedField.OK;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.gateway.StaffApiClient.Answer;
import org.stackbridge.core.model.BibRecord;
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

/**
 * The patron resources of the staff API (issue #11) over real HTTP against the whole gateway, on H2 and on
 * PostgreSQL: create, update with before/after in the history, search, card replacement (the old card refused at a
 * SIP2 kiosk), PIN reset, membership, anonymisation, typed blocks, histories. Each test uses its own barcodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class PatronApiContract {

    abstract TestGateways.Store store();

    private static final Instant T0 = Instant.parse("2026-11-02T15:00:00Z");
    private static final String PASSWORD = "correct horse";

    @TempDir
    static Path data;
    TestClock clock;
    Gateway gateway;

    @BeforeAll
    void start() throws Exception {
        clock = new TestClock(T0);
        SecretHasher hasher = new SecretHasher(1_000);
        gateway = TestGateways.start(store(), data, clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "  - {code: EAST, name: East Branch, institution: MAIN}",
                "  - {code: NORTH, name: North Library}",
                "membership-periods: {CHILD: P2Y}",
                "security: {hash-iterations: 1000}",
                "sip2-accounts:",
                "  - {login: kiosk, password-hash: \"" + hasher.hash("kiosk") + "\", institution: MAIN, profile: default}",
                "policies:",
                "  - {library: '*', category: '*', item-type: '*', loan-period: 21, max-loans: 0, closed-days: keep}");
        String hash = hasher.hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("grace", hash, StaffRole.LIBRARIAN, "MAIN", true));
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "EAST", true));
            tx.staff().save(new StaffAccount("root", hash, StaffRole.ADMIN, null, true));
            tx.patrons().insert(new Patron(0, "N1", null, "North Reader", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "NORTH", false));
            for (int i = 1; i <= 6; i++) {
                BibRecord bib = tx.bibs().insert(new BibRecord(0, "pb" + i, "Title " + i, "Author", null, null, null, null));
                tx.items().insert(new Item(0, "PI" + i, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA" + i, BigDecimal.TEN,
                        ItemStatus.AVAILABLE, null, null));
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    private final StaffApiClient api = new StaffApiClient(() -> gateway.httpPort(), PASSWORD);

    private Answer call(String method, String path, String token, String body, String... headers) throws Exception {
        return api.call(method, path, token, body, headers);
    }

    private Answer post(String path, String token, Object body, String... headers) throws Exception {
        return api.post(path, token, body, headers);
    }

    private Answer get(String path, String token) throws Exception {
        return api.get(path, token);
    }

    private String token(String login) throws Exception {
        return api.token(login);
    }

    private Answer create(String token, String barcode, String name, String... more) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("barcode", barcode);
        body.put("name", name);
        body.put("category", "ADULT");
        body.put("home_library", "MAIN");
        for (int i = 0; i < more.length; i += 2) {
            body.put(more[i], more[i + 1]);
        }
        return post("/patrons", token, body);
    }

    private Sip2Client kiosk() throws Exception {
        Sip2Client c = Sip2Client.connect("127.0.0.1", gateway.sip2().port());
        assertEquals("1", c.send(sip2().login("kiosk", "kiosk", "MAIN")).fixed(OK));
        return c;
    }

    private Sip2Requests sip2() {
        return new Sip2Requests(clock, "MAIN");
    }

    private JsonNode history(String path, String token) throws Exception {
        Answer h = get(path, token);
        assertEquals(200, h.status(), h.raw().body());
        return h.json().path("events");
    }

    // ------------------------------------------------------------------ create

    @Test
    void aPatronCreatedThroughTheApiLogsInAtAKioskAtOnce() throws Exception {
        String tim = token("tim");
        Answer created = create(tim, "C1", "Smith, <i>Ann</i>", "pin", "4321", "email", "ann@example.org", "phone", "+1 555 0100",
                "birth_date", "1990-04-01", "language", "en", "expires", "2028-01-31");
        assertEquals(201, created.status(), created.raw().body());
        JsonNode p = created.json().path("patron");
        assertEquals("C1", p.path("barcode").asText());
        assertEquals("Smith, <i>Ann</i>", p.path("name").asText(), "HTML in names is stored as text");
        assertEquals("EMAIL", p.path("notice_preference").asText(), "e-mail is the default when there is an address");
        assertEquals("1990-04-01", p.path("birth_date").asText());
        assertEquals("en", p.path("language").asText());
        assertFalse(created.raw().body().contains("4321") || created.raw().body().contains("pbkdf2"), created.raw().body());

        try (Sip2Client c = kiosk()) {
            Sip2Message info = c.send(sip2().patronInformation("C1", "4321", -1, null, null));
            assertEquals("Y", info.field(BL), info.toString());
            assertEquals("Y", info.field(CQ), info.toString());
            assertEquals("N", c.send(sip2().patronInformation("C1", "9999", -1, null, null)).field(CQ));
        }
        JsonNode events = history("/patrons/C1/history", tim);
        assertEquals("PATRON_CREATED", events.path(0).path("type").asText(), events.toString());
        assertEquals("tim", events.path(0).path("actor").asText());
        assertEquals("API", events.path(0).path("channel").asText());

        Answer print = create(tim, "C1P", "No Mail");
        assertEquals(201, print.status(), print.raw().body());
        assertEquals("PRINT", print.json().path("patron").path("notice_preference").asText());
    }

    @Test
    void creatingValidatesEveryFieldAndRefusesABarcodeInUse() throws Exception {
        String tim = token("tim");
        invalid(post("/patrons", tim, Map.of("barcode", "C2")), "name");
        invalid(create(tim, "C2", "Bad Mail", "email", "not-an-address"), "email");
        invalid(create(tim, "C2", "Bad Date", "birth_date", "31/01/1990"), "birth_date");
        invalid(create(tim, "C2", "Bad Notice", "notice_preference", "pigeon"), "notice_preference");
        invalid(create(tim, "C2", "Mail Without Address", "notice_preference", "email"), "notice_preference");
        invalid(create(tim, "C2", "Short Pin", "pin", "12"), "pin");
        invalid(create(tim, "C2", "Bad Phone", "phone", "call me"), "phone");
        invalid(post("/patrons", tim, "{\"barcode\":\"C2\",\"name\":\"X\",\"category\":\"ADULT\",\"home_library\":\"MAIN\",\"shoe_size\":\"9\"}"),
                "shoe_size");
        invalid(post("/patrons", tim, Map.of("barcode", "C2", "name", "X", "category", "PIRATE", "home_library", "MAIN")), "category");
        invalid(post("/patrons", tim, Map.of("barcode", "C2", "name", "X", "category", "ADULT", "home_library", "NOWHERE")), "home_library");
        invalid(post("/patrons", tim, Map.of("barcode", "C2", "name", "X", "category", "ADULT", "home_library", "NORTH")), "home_library");
        assertEquals(404, get("/patrons/C2", tim).status(), "nothing was created by the refusals");

        assertEquals(201, create(tim, "C2", "First").status());
        Answer again = create(tim, "C2", "Second");
        problem(again, 409);
        assertTrue(again.text("detail").contains("C2"), again.raw().body());
        problem(create(null, "C3", "No Token"), 401);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyCreatesOnce() throws Exception {
        String grace = token("grace");
        Map<String, Object> body = Map.of("barcode", "C4", "name", "Once", "category", "ADULT", "home_library", "MAIN");
        Answer first = post("/patrons", grace, body, "Idempotency-Key", "create-c4");
        assertEquals(201, first.status(), first.raw().body());
        Answer retry = post("/patrons", grace, body, "Idempotency-Key", "create-c4");
        assertEquals(201, retry.status(), retry.raw().body());
        assertEquals(first.json().path("patron").path("id").asLong(), retry.json().path("patron").path("id").asLong());
        assertEquals(1, history("/patrons/C4/history", grace).size());
    }

    // ------------------------------------------------------------------ update and history

    @Test
    void aPartialUpdateChangesOnlyWhatIsGivenAndTheHistoryShowsBeforeAndAfter() throws Exception {
        String grace = token("grace");
        assertEquals(201, create(grace, "U1", "Ann Lee", "email", "ann@old.example", "phone", "555-0101").status());
        Answer changed = call("PATCH", "/patrons/U1", grace, "{\"email\":\"ann@new.example\",\"phone\":null,\"notice_preference\":\"print\"}");
        assertEquals(200, changed.status(), changed.raw().body());
        JsonNode p = changed.json().path("patron");
        assertEquals("ann@new.example", p.path("email").asText());
        assertTrue(p.path("phone").isNull(), changed.raw().body());
        assertEquals("Ann Lee", p.path("name").asText(), "fields not given stay");
        assertEquals("PRINT", p.path("notice_preference").asText());

        JsonNode last = history("/patrons/U1/history", grace).path(0);
        assertEquals("PATRON_UPDATED", last.path("type").asText(), last.toString());
        assertEquals("grace", last.path("actor").asText());
        Map<String, JsonNode> changes = new java.util.HashMap<>();
        last.path("changes").forEach(c -> changes.put(c.path("field").asText(), c));
        assertEquals(Map.of("email", "ann@old.example"), Map.of("email", changes.get("email").path("before").asText()));
        assertEquals("ann@new.example", changes.get("email").path("after").asText());
        assertEquals("555-0101", changes.get("phone").path("before").asText());
        assertTrue(changes.get("phone").path("after").isNull());
        assertEquals("EMAIL", changes.get("notice_preference").path("before").asText());
        assertFalse(changes.containsKey("name"), "unchanged fields are not recorded: " + last);

        invalid(call("PATCH", "/patrons/U1", grace, "{\"barcode\":\"U9\"}"), "barcode");
        invalid(call("PATCH", "/patrons/U1", grace, "{\"name\":null}"), "name");
        invalid(call("PATCH", "/patrons/U1", grace, "{\"email\":42}"), "email");
        invalid(call("PATCH", "/patrons/U1", grace, "{\"category\":\"PIRATE\"}"), "category");
        invalid(call("PATCH", "/patrons/U1", grace, "{}"), "(body)");
        problem(call("PATCH", "/patrons/NOPE", grace, "{\"name\":\"X\"}"), 404);
        problem(call("PATCH", "/patrons/N1", token("tim"), "{\"name\":\"X\"}"), 404);
    }

    @Test
    void historiesArePagedNewestFirstAndUnknownBarcodesAre404() throws Exception {
        String grace = token("grace");
        assertEquals(201, create(grace, "H1", "History Reader").status());
        assertEquals(201, post("/checkouts", grace, Map.of("patron", "H1", "item", "PI1")).status());
        assertEquals(200, post("/checkins", grace, Map.of("item", "PI1")).status());
        JsonNode page1 = get("/patrons/H1/history?_per_page=2", grace).json();
        assertEquals(2, page1.path("events").size(), page1.toString());
        assertEquals("CHECKIN", page1.path("events").path(0).path("type").asText());
        assertEquals("PI1", page1.path("events").path(0).path("item_barcode").asText());
        assertTrue(page1.path("more").asBoolean());
        JsonNode page2 = get("/patrons/H1/history?_per_page=2&_page=2", grace).json();
        assertEquals("PATRON_CREATED", page2.path("events").path(0).path("type").asText(), page2.toString());
        assertFalse(page2.path("more").asBoolean());

        JsonNode item = history("/items/PI1/history", grace);
        assertEquals("CHECKIN", item.path(0).path("type").asText(), item.toString());
        assertEquals("grace", item.path(0).path("actor").asText());
        assertEquals("CHECKOUT", item.path(1).path("type").asText());

        invalid(get("/patrons/H1/history?_per_page=0", grace), "_per_page");
        invalid(get("/items/PI1/history?_page=x", grace), "_page");
        problem(get("/patrons/NOPE/history", grace), 404);
        problem(get("/items/NOPE/history", grace), 404);
    }

    // ------------------------------------------------------------------ search

    @Test
    void searchFindsByNameEmailPhoneAndBarcodeAndPages() throws Exception {
        String grace = token("grace");
        assertEquals(201, create(grace, "S1", "Zweig, Stefan", "email", "stefan@zweig.example", "phone", "+43 (1) 555-7788").status());
        assertEquals(201, create(grace, "S2", "Zweig, Friderike", "email", "fz@zweig.example").status());
        assertEquals(201, create(grace, "S3", "Żeromski, Stefan").status());

        JsonNode byName = get("/patrons?name=zweig", grace).json();
        assertEquals(List.of("S2", "S1"), barcodes(byName), byName.toString());
        assertEquals(List.of("S3"), barcodes(get("/patrons?name=zero", grace).json()), "accents are ignored");
        assertEquals(List.of("S1"), barcodes(get("/patrons?email=STEFAN@", grace).json()));
        assertEquals(List.of("S1"), barcodes(get("/patrons?phone=431555", grace).json()));
        assertEquals(List.of("S2"), barcodes(get("/patrons?barcode=S2", grace).json()));
        assertEquals(List.of("S1"), barcodes(get("/patrons?q=stefan%40", grace).json()));
        assertEquals(List.of("S2", "S1"), barcodes(get("/patrons?q=Zweig", grace).json()));
        assertEquals(List.of(), barcodes(get("/patrons?name=zweig&email=nobody", grace).json()), "criteria combine");

        JsonNode first = get("/patrons?name=zweig&_per_page=1", grace).json();
        assertEquals(List.of("S2"), barcodes(first));
        assertTrue(first.path("more").asBoolean());
        JsonNode second = get("/patrons?name=zweig&_per_page=1&_page=2", grace).json();
        assertEquals(List.of("S1"), barcodes(second));
        assertFalse(second.path("more").asBoolean());

        invalid(get("/patrons?name=zweig&_per_page=1000", grace), "_per_page");
        invalid(get("/patrons?_page=0", grace), "_page");
        assertEquals(List.of(), barcodes(get("/patrons?name=north", token("tim")).json()), "other institutions' patrons are not found");
    }

    private static List<String> barcodes(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("patrons").forEach(p -> out.add(p.path("barcode").asText()));
        return out;
    }

    // ------------------------------------------------------------------ card, PIN

    @Test
    void aReplacedCardIsRefusedAtAKioskAndEverywhereAsLost() throws Exception {
        String tim = token("tim");
        assertEquals(201, create(tim, "R1", "Card Holder", "pin", "2468").status());
        Answer replaced = post("/patrons/R1/card", tim, Map.of("new_barcode", "R1-NEW"));
        assertEquals(200, replaced.status(), replaced.raw().body());
        assertEquals("R1-NEW", replaced.json().path("patron").path("barcode").asText());

        Answer old = get("/patrons/R1", tim);
        problem(old, 409);
        assertEquals("CARD_LOST", old.text("reason"), old.raw().body());
        try (Sip2Client c = kiosk()) {
            Sip2Message info = c.send(sip2().patronInformation("R1", "2468", -1, null, null));
            assertEquals("N", info.field(BL), "the old card is no valid patron: " + info);
            assertFalse(info.toString().contains("Card Holder"), "the old card never shows the account: " + info);
            assertTrue(info.all(AF).stream().anyMatch(m -> m.toLowerCase(java.util.Locale.ROOT).contains("lost")), info.toString());
            Sip2Message checkout = c.send(sip2().checkout("R1", "PI2", "2468"));
            assertEquals("0", checkout.fixed(OK), checkout.toString());
            Sip2Message fresh = c.send(sip2().patronInformation("R1-NEW", "2468", -1, null, null));
            assertEquals("Y", fresh.field(BL), fresh.toString());
            assertEquals("Y", fresh.field(CQ), fresh.toString());
        }
        JsonNode event = history("/patrons/R1-NEW/history", tim).path(0);
        assertEquals("PATRON_CARD_REPLACED", event.path("type").asText());
        assertEquals("R1", event.path("changes").path(0).path("before").asText(), event.toString());
        assertEquals("R1-NEW", event.path("changes").path(0).path("after").asText());

        problem(post("/patrons/R1-NEW/card", tim, Map.of("new_barcode", "R1")), 409);
        problem(create(tim, "R1", "Reusing A Lost Card"), 409);
        invalid(post("/patrons/R1-NEW/card", tim, Map.of()), "new_barcode");
        problem(post("/patrons/NOPE/card", tim, Map.of("new_barcode", "R9")), 404);
    }

    @Test
    void aResetPinWorksAtTheKioskAtOnceAndTheOldOneNoLonger() throws Exception {
        String tim = token("tim");
        assertEquals(201, create(tim, "K1", "Pin Holder", "pin", "1111").status());
        try (Sip2Client c = kiosk()) {
            assertEquals("Y", c.send(sip2().patronInformation("K1", "1111", -1, null, null)).field(CQ), "the old PIN, remembered");
            assertEquals(204, call("PUT", "/patrons/K1/pin", tim, "{\"pin\":\"2222\"}").status());
            assertEquals("N", c.send(sip2().patronInformation("K1", "1111", -1, null, null)).field(CQ), "the old PIN is forgotten");
            assertEquals("Y", c.send(sip2().patronInformation("K1", "2222", -1, null, null)).field(CQ));
        }
        JsonNode event = history("/patrons/K1/history", tim).path(0);
        assertEquals("PATRON_PIN_RESET", event.path("type").asText());
        assertFalse(event.toString().contains("2222") || event.toString().contains("pbkdf2"), event.toString());
        invalid(call("PUT", "/patrons/K1/pin", tim, "{\"pin\":\"12\"}"), "pin");
        invalid(call("PUT", "/patrons/K1/pin", tim, "{}"), "pin");
        problem(call("PUT", "/patrons/NOPE/pin", tim, "{\"pin\":\"3333\"}"), 404);
    }

    // ------------------------------------------------------------------ membership

    @Test
    void membershipRenewsByTheCategoryPeriodOrAYearAndExpires() throws Exception {
        String grace = token("grace");
        assertEquals(201, create(grace, "M1", "Adult Member", "expires", "2027-01-31").status());
        Answer renewed = post("/patrons/M1/membership", grace, Map.of("action", "renew"));
        assertEquals(200, renewed.status(), renewed.raw().body());
        assertEquals("2028-01-31", renewed.json().path("patron").path("expires").asText(), "a year on from the running expiry");
        Answer until = post("/patrons/M1/membership", grace, Map.of("action", "renew", "until", "2029-06-30"));
        assertEquals("2029-06-30", until.json().path("patron").path("expires").asText(), until.raw().body());

        assertEquals(201, post("/patrons", grace, Map.of("barcode", "M2", "name", "Child Member", "category", "CHILD",
                "home_library", "MAIN")).status());
        Answer child = post("/patrons/M2/membership", grace, Map.of("action", "renew"));
        assertEquals("2028-11-02", child.json().path("patron").path("expires").asText(), "CHILD renews by its P2Y from today");
        invalid(post("/patrons/M2/membership", grace, Map.of("action", "renew", "until", "2030-01-01")), "until");

        Answer ended = post("/patrons/M1/membership", grace, Map.of("action", "expire"));
        assertEquals(200, ended.status(), ended.raw().body());
        assertEquals("2026-11-01", ended.json().path("patron").path("expires").asText());
        assertFalse(ended.json().path("can_borrow").asBoolean(), ended.raw().body());
        JsonNode event = history("/patrons/M1/history", grace).path(0);
        assertEquals("PATRON_MEMBERSHIP_CHANGED", event.path("type").asText());
        assertEquals("2029-06-30", event.path("changes").path(0).path("before").asText(), event.toString());

        invalid(post("/patrons/M1/membership", grace, Map.of("action", "pause")), "action");
        invalid(post("/patrons/M1/membership", grace, Map.of("action", "renew", "until", "2020-01-01")), "until");
        invalid(post("/patrons/M1/membership", grace, Map.of()), "action");
        problem(post("/patrons/NOPE/membership", grace, Map.of("action", "renew")), 404);
    }

    // ------------------------------------------------------------------ anonymise

    @Test
    void anonymisingIsRefusedWhileLoansRemainAndKeepsTheRecordAndLoansForStatisticsWithoutThePatron() throws Exception {
        String tim = token("tim");
        assertEquals(201, create(tim, "A1", "Private Person", "email", "private@example.org", "pin", "5555", "birth_date", "1980-01-01").status());
        assertEquals(201, post("/checkouts", tim, Map.of("patron", "A1", "item", "PI3")).status());
        Answer refused = post("/patrons/A1/anonymise", tim, null);
        problem(refused, 409);
        assertTrue(refused.text("detail").contains("loan"), refused.raw().body());
        assertEquals(200, post("/checkins", tim, Map.of("item", "PI3")).status());
        long id = gateway.storage().read(tx -> tx.patrons().byBarcode("A1").orElseThrow().id()).get(30, TimeUnit.SECONDS);

        Answer done = post("/patrons/A1/anonymise", tim, null);
        assertEquals(200, done.status(), done.raw().body());
        assertTrue(done.text("barcode").startsWith("ANON-"), done.raw().body());
        assertFalse(done.raw().body().contains("Private") || done.raw().body().contains("private@") || done.raw().body().contains("1980"),
                done.raw().body());
        problem(get("/patrons/A1", tim), 404);
        Patron stored = gateway.storage().read(tx -> tx.patrons().byId(id).orElseThrow()).get(30, TimeUnit.SECONDS);
        assertEquals(null, stored.pinHash());
        assertEquals(null, stored.birthDate());
        assertEquals("ADULT", stored.category(), "the category stays for statistics");
        // the closed loan and its events lost the patron link (loan-history anonymisation) and still count for statistics
        var own = gateway.storage().read(tx -> tx.events().forPatron(id, 0, 100)).get(30, TimeUnit.SECONDS);
        assertTrue(own.stream().noneMatch(e -> e.type() == org.stackbridge.core.model.EventType.CHECKOUT), own.toString());
        long item = gateway.storage().read(tx -> tx.items().byBarcode("PI3").orElseThrow().id()).get(30, TimeUnit.SECONDS);
        var loanEvents = gateway.storage().read(tx -> tx.events().forItem(item, 100)).get(30, TimeUnit.SECONDS).stream()
                .filter(e -> e.type() == org.stackbridge.core.model.EventType.CHECKOUT || e.type() == org.stackbridge.core.model.EventType.CHECKIN)
                .toList();
        assertEquals(2, loanEvents.size(), loanEvents.toString());
        assertTrue(loanEvents.stream().allMatch(e -> e.patronId() == null), "the loan's events still count, without the patron: " + loanEvents);
        assertEquals("PATRON_ANONYMISED", history("/patrons/" + done.text("barcode") + "/history", tim).path(0).path("type").asText());
        problem(post("/patrons/NOPE/anonymise", tim, null), 404);
    }

    // ------------------------------------------------------------------ blocks

    @Test
    void typedStaffBlocksArePlacedListedShownAndLifted() throws Exception {
        String tim = token("tim");
        assertEquals(201, create(tim, "B1", "Blocked Reader").status());
        Answer placed = post("/patrons/B1/blocks", tim, Map.of("type", "address_unknown", "note", "Mail returned 2026-10-30"));
        assertEquals(201, placed.status(), placed.raw().body());
        assertEquals("ADDRESS_UNKNOWN", placed.text("type"));
        assertEquals("Mail returned 2026-10-30", placed.text("note"));
        assertEquals("tim", placed.text("placed_by"));
        long id = placed.json().path("block_id").asLong();

        Answer patron = get("/patrons/B1", tim);
        assertEquals("ADDRESS_UNKNOWN", patron.json().path("blocks").path(0).path("type").asText(), patron.raw().body());
        assertEquals("Mail returned 2026-10-30", patron.json().path("blocks").path(0).path("note").asText());
        assertFalse(patron.json().path("can_borrow").asBoolean());
        assertEquals(1, get("/patrons/B1/blocks", tim).json().path("blocks").size());
        problem(post("/checkouts", tim, Map.of("patron", "B1", "item", "PI4")), 409);

        invalid(post("/patrons/B1/blocks", tim, Map.of("type", "kiosk")), "type");
        invalid(post("/patrons/B1/blocks", tim, Map.of("type", "grumpy")), "type");
        invalid(post("/patrons/B1/blocks", tim, Map.of("note", "no type")), "type");
        invalid(post("/patrons/B1/blocks", tim, Map.of("type", "other", "expires", "tomorrow")), "expires");
        problem(post("/patrons/NOPE/blocks", tim, Map.of("type", "manual")), 404);
        problem(call("DELETE", "/patrons/B1/blocks/999999", tim, null), 404);
        invalid(call("DELETE", "/patrons/B1/blocks/x", tim, null), "id");

        Answer lifted = call("DELETE", "/patrons/B1/blocks/" + id, tim, null);
        assertEquals(200, lifted.status(), lifted.raw().body());
        assertEquals(0, get("/patrons/B1/blocks", tim).json().path("blocks").size());
        JsonNode events = history("/patrons/B1/history", tim);
        assertEquals("PATRON_UNBLOCKED", events.path(0).path("type").asText(), events.toString());
        assertEquals("tim", events.path(0).path("actor").asText());
        assertEquals("ADDRESS_UNKNOWN", events.path(0).path("changes").path(0).path("before").asText(), events.toString());
        assertEquals("PATRON_BLOCKED", events.path(1).path("type").asText());
    }

    @Test
    void aKioskPatronEnableNeverLiftsAStaffBlock() throws Exception {
        String tim = token("tim");
        assertEquals(201, create(tim, "B2", "Desk Blocked", "pin", "7777").status());
        assertEquals(201, post("/patrons/B2/blocks", tim, Map.of("type", "manual", "reason", "See the desk")).status());
        try (Sip2Client c = kiosk()) {
            Sip2Message enabled = c.send(sip2().patronEnable("B2"));
            assertTrue(enabled.all(AF).contains("See the desk"), enabled.toString());
        }
        assertEquals(1, get("/patrons/B2/blocks", tim).json().path("blocks").size(), "the staff block stays");
    }
}
