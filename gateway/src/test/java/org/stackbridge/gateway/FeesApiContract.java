package org.stackbridge.gateway;

import static org.stackbridge.gateway.StaffApiClient.JSON;
import static org.stackbridge.gateway.StaffApiClient.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FixedField;

/**
 * Fees at the desk over real HTTP against the whole gateway, on H2 and on PostgreSQL: the fee list, assessing, payments
 * with receipts (and their idempotency keys), waivers, refunds, disputes (seen by a SIP2 kiosk), the cashier summary, and
 * the desk checkout override. One gateway serves the class; each test uses its own patrons.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class FeesApiContract {

    Gateway gateway;
    final StaffApiClient api = new StaffApiClient(() -> gateway.httpPort(), PASSWORD);

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** The store this run uses; {@link FeesApiH2IT} and {@link FeesApiPostgresIT} run every test on each. */
    abstract TestGateways.Store store();

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final String PASSWORD = "correct horse";
    private static final String PIN = "1234";

    @TempDir
    static Path data;
    TestClock clock;

    @BeforeAll
    void start() throws Exception {
        clock = new TestClock(T0);
        SecretHasher hasher = new SecretHasher(1_000);
        gateway = TestGateways.start(store(), data, clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "  - {code: EAST, name: East Branch, institution: MAIN}",
                "  - {code: WEST, name: West Branch, institution: MAIN}",
                "  - {code: NORTH, name: North Library}",
                "sip2-accounts:",
                "  - {login: kiosk, password-hash: '" + hasher.hash("kiosk") + "', institution: MAIN}",
                "engine: {maintenance-minutes: 0, fee-limit: 10.00}");
        String hash = hasher.hash(PASSWORD);
        String pin = hasher.hash(PIN);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("grace", hash, StaffRole.LIBRARIAN, "MAIN", true));
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "EAST", true));
            tx.staff().save(new StaffAccount("root", hash, StaffRole.ADMIN, null, true));
            tx.staff().save(new StaffAccount("wanda", hash, StaffRole.TECHNICIAN, "WEST", true));
            tx.staff().save(new StaffAccount("walt", hash, StaffRole.LIBRARIAN, "WEST", true));
            for (String p : List.of("F1", "F2", "F3", "F4", "F5", "F6", "F7", "K1", "O1", "O2", "C1")) {
                tx.patrons().insert(new Patron(0, p, pin, "Patron " + p, "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            }
            tx.patrons().insert(new Patron(0, "N1", pin, "North Reader", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "NORTH", false));
            for (int i = 1; i <= 6; i++) {
                BibRecord bib = tx.bibs().insert(new BibRecord(0, "fb" + i, "Title " + i, "Author", null, null, null, null));
                tx.items().insert(new Item(0, "FI" + i, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA" + i, BigDecimal.TEN,
                        ItemStatus.AVAILABLE, null, null));
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ helpers


    private static String errorField(Answer a) {
        return a.json().path("errors").get(0).path("field").asText();
    }

    private static String money(String amount) {
        return "{\"amount\":\"" + amount + "\",\"currency\":\"USD\"}";
    }

    private long assess(String token, String patron, String amount) throws Exception {
        Answer a = api.post("/patrons/" + patron + "/fees", token, "{\"type\":\"manual\",\"amount\":" + money(amount) + ",\"note\":\"test\"}");
        assertEquals(201, a.status(), a.raw().body());
        return a.json().path("fee_id").asLong();
    }

    private Answer pay(String token, String patron, String amount, String type, String... headers) throws Exception {
        return api.post("/patrons/" + patron + "/payments", token, "{\"amount\":" + money(amount) + ",\"payment_type\":\"" + type + "\"}", headers);
    }

    private static void invalid(Answer a, String field) {
        problem(a, 400);
        assertEquals(field, errorField(a), a.raw().body());
    }

    private List<CirculationEvent> events(EventType type) throws Exception {
        return gateway.storage().read(tx -> tx.events().between(T0.minusSeconds(86_400), T0.plusSeconds(30 * 86_400), 10_000))
                .get(30, TimeUnit.SECONDS).stream().filter(e -> e.type() == type).toList();
    }

    private static String amount(JsonNode money) {
        return money.path("amount").asText();
    }

    // ------------------------------------------------------------------ fees, payments, receipts

    @Test
    void assessListPayPartlyAndPrintTheReceipt() throws Exception {
        String tim = api.token("tim");
        long first = assess(tim, "F1", "4.00");
        long second = assess(tim, "F1", "3.00");

        Answer open = api.get("/patrons/F1/fees", tim);
        assertEquals(200, open.status(), open.raw().body());
        assertEquals(2, open.json().path("fees").size(), open.raw().body());
        assertEquals("7.00", amount(open.json().path("balance")));
        JsonNode fee = open.json().path("fees").get(0);
        assertEquals(first, fee.path("fee_id").asLong());
        assertEquals("MANUAL", fee.path("type").asText());
        assertEquals("4.00", amount(fee.path("outstanding")));
        assertEquals("open", fee.path("status").asText());
        assertFalse(fee.path("disputed").asBoolean());
        assertTrue(fee.hasNonNull("created_at"), open.raw().body());

        Answer paid = pay(tim, "F1", "5.50", "cash");
        assertEquals(201, paid.status(), paid.raw().body());
        long id = paid.json().path("payment_id").asLong();
        assertTrue(paid.raw().headers().firstValue("Location").orElse("").endsWith("/api/v1/payments/" + id + "/receipt"));
        assertTrue(paid.text("receipt_number").startsWith("R"), paid.raw().body());
        assertEquals("1.50", amount(paid.json().path("remaining_balance")));
        assertEquals("tim", paid.text("staff"));
        assertEquals("EAST", paid.text("library"));
        assertEquals("East Branch", paid.text("library_name"));
        assertEquals("cash", paid.text("payment_type"));
        assertEquals(2, paid.json().path("lines").size());
        assertEquals(first, paid.json().path("lines").get(0).path("fee_id").asLong());
        assertEquals("4.00", amount(paid.json().path("lines").get(0).path("paid")));
        assertEquals("1.50", amount(paid.json().path("lines").get(1).path("paid")));

        Answer receipt = api.get("/payments/" + id + "/receipt", tim);
        assertEquals(200, receipt.status(), receipt.raw().body());
        assertEquals(paid.json(), receipt.json());

        Answer onlyOpen = api.get("/patrons/F1/fees", tim);
        assertEquals(1, onlyOpen.json().path("fees").size());
        assertEquals(second, onlyOpen.json().path("fees").get(0).path("fee_id").asLong());
        Answer all = api.get("/patrons/F1/fees?status=all&_per_page=1&_page=1", tim);
        assertEquals(2, all.json().path("total").asInt(), all.raw().body());
        assertEquals(1, all.json().path("fees").size());
        assertEquals("closed", all.json().path("fees").get(0).path("status").asText());
        assertEquals("4.00", amount(all.json().path("fees").get(0).path("paid")));

        CirculationEvent event = events(EventType.FEE_PAID).stream().filter(e -> e.detail().contains("payment=" + id + " ")).findFirst()
                .orElseThrow();
        assertEquals("tim", event.actor());
        assertEquals(Channel.API, event.channel());
    }

    @Test
    void aRetriedPaymentWithTheSameIdempotencyKeyPaysOnce() throws Exception {
        String tim = api.token("tim");
        assess(tim, "F2", "5.00");
        Answer first = pay(tim, "F2", "2.00", "card", "Idempotency-Key", "till-7-0001");
        assertEquals(201, first.status(), first.raw().body());
        Answer retry = pay(tim, "F2", "2.00", "card", "Idempotency-Key", "till-7-0001");
        assertEquals(201, retry.status(), retry.raw().body());
        assertEquals(first.json(), retry.json());
        assertEquals("3.00", amount(api.get("/patrons/F2/fees", tim).json().path("balance")));
        Answer reused = pay(tim, "F2", "1.00", "card", "Idempotency-Key", "till-7-0001");
        problem(reused, 409);
        assertEquals("DUPLICATE", reused.text("reason"));
        assertEquals("3.00", amount(api.get("/patrons/F2/fees", tim).json().path("balance")));
    }

    @Test
    void overpaymentsAndOverLargeWaiversAndRefundsAreConflictsSayingTheBalance() throws Exception {
        String tim = api.token("tim");
        long fee = assess(tim, "F3", "2.00");
        Answer over = pay(tim, "F3", "2.01", "cash");
        problem(over, 409);
        assertEquals("OVERPAYMENT", over.text("reason"));
        assertTrue(over.text("detail").contains("2.00"), over.raw().body());

        Answer waiver = api.post("/fees/" + fee + "/waiver", tim, "{\"amount\":" + money("2.50") + ",\"reason\":\"x\"}");
        problem(waiver, 409);
        assertTrue(waiver.text("detail").contains("2.00"), waiver.raw().body());
        Answer refund = api.post("/fees/" + fee + "/refund", tim, "{\"amount\":" + money("0.01") + ",\"reason\":\"nothing paid\"}");
        problem(refund, 409);

        assertEquals(201, pay(tim, "F3", "2.00", "online").status());
        Answer nothing = pay(tim, "F3", "0.01", "cash");
        problem(nothing, 409);
        assertEquals("NOTHING_OWED", nothing.text("reason"));
        Answer refunded = api.post("/fees/" + fee + "/refund", tim, "{\"amount\":" + money("1.25") + ",\"reason\":\"item found\"}");
        assertEquals(201, refunded.status(), refunded.raw().body());
        assertEquals("REFUND", refunded.text("type"));
        Answer tooMuch = api.post("/fees/" + fee + "/refund", tim, "{\"amount\":" + money("0.76") + ",\"reason\":\"more\"}");
        problem(tooMuch, 409);
        assertTrue(tooMuch.text("detail").contains("0.75"), tooMuch.raw().body());
        assertEquals("tim", events(EventType.FEE_REFUNDED).get(0).actor());
    }

    @Test
    void aTechnicianWaivesWithAReasonAndTheEventLogNamesThem() throws Exception {
        String tim = api.token("tim");
        long fee = assess(tim, "F4", "3.00");
        Answer part = api.post("/fees/" + fee + "/waiver", tim, "{\"amount\":" + money("1.00") + ",\"reason\":\"first time\"}");
        assertEquals(201, part.status(), part.raw().body());
        assertEquals("2.00", amount(part.json().path("fee_outstanding")));
        Answer rest = api.post("/fees/" + fee + "/waiver", tim, "{\"reason\":\"goodwill\"}");
        assertEquals(201, rest.status(), rest.raw().body());
        assertEquals("2.00", amount(rest.json().path("amount")));
        assertEquals("0.00", amount(rest.json().path("balance")));
        CirculationEvent e = events(EventType.FEE_WAIVED).stream().filter(x -> x.detail().contains("fee=" + fee + " ")).findFirst().orElseThrow();
        assertEquals("tim", e.actor());
        assertTrue(e.detail().contains("reason=first time") && e.detail().contains("outstanding=3.00->2.00"), e.detail());
        problem(api.post("/fees/" + fee + "/waiver", tim, "{\"reason\":\"again\"}"), 409);
    }

    @Test
    void invalidRequestsGet400NamingTheField() throws Exception {
        String tim = api.token("tim");
        long fee = assess(tim, "F5", "1.00");
        invalid(api.post("/patrons/F5/fees", tim, "{\"amount\":" + money("1.00") + "}"), "type");
        invalid(api.post("/patrons/F5/fees", tim, "{\"type\":\"parking\",\"amount\":" + money("1.00") + "}"), "type");
        invalid(api.post("/patrons/F5/fees", tim, "{\"type\":\"manual\",\"amount\":" + money("-1") + "}"), "amount.amount");
        invalid(api.post("/patrons/F5/fees", tim, "{\"type\":\"manual\",\"amount\":" + money("1.005") + "}"), "amount.amount");
        invalid(api.post("/patrons/F5/fees", tim, "{\"type\":\"manual\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"usd\"}}"), "amount.currency");
        invalid(api.post("/patrons/F5/fees", tim, "{\"type\":\"manual\",\"amount\":{\"amount\":1.5,\"currency\":\"USD\"}}"), "amount.amount");
        invalid(api.post("/patrons/F5/payments", tim, "{\"amount\":" + money("1.00") + ",\"payment_type\":\"bitcoin\"}"), "payment_type");
        invalid(api.post("/patrons/F5/payments", tim, "{\"amount\":" + money("1.00") + "}"), "payment_type");
        invalid(api.post("/patrons/F5/payments", tim, "{\"amount\":" + money("1.00") + ",\"payment_type\":\"cash\",\"fees\":[0]}"), "fees[0]");
        invalid(api.post("/patrons/F5/payments", tim, "{\"amount\":" + money("1.00") + ",\"payment_type\":\"cash\",\"tip\":1}"), "tip");
        invalid(api.get("/patrons/F5/fees?status=paid", tim), "status");
        invalid(api.get("/patrons/F5/fees?_per_page=1000", tim), "_per_page");
        invalid(api.post("/fees/" + fee + "/waiver", tim, "{\"amount\":" + money("0.50") + "}"), "reason");
        invalid(api.post("/fees/" + fee + "/refund", tim, "{\"reason\":\"x\"}"), "amount");
        invalid(api.post("/fees/" + fee + "/disputes", tim, "{\"note\":\"" + "x".repeat(501) + "\"}"), "note");
        invalid(api.post("/fees/" + fee + "/disputes/1/resolution", tim, "{\"outcome\":\"maybe\",\"note\":\"x\"}"), "outcome");
        invalid(api.post("/fees/abc/waiver", tim, "{\"reason\":\"x\"}"), "id");
        invalid(api.get("/payments/-3/receipt", tim), "id");
        invalid(api.get("/cashier/summary?library=EAST&date=02.11.2026", tim), "date");
        invalid(api.get("/cashier/summary?date=2026-11-02", api.token("root")), "library");
        Answer currency = api.post("/patrons/F5/fees", tim, "{\"type\":\"manual\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}}");
        problem(currency, 400);
        assertEquals("CURRENCY_MISMATCH", currency.text("reason"), currency.raw().body());
        assertEquals("1.00", amount(api.get("/patrons/F5/fees", tim).json().path("balance")), "nothing invalid was stored");
    }

    @Test
    void unknownPatronsFeesPaymentsAndLibrariesGet404() throws Exception {
        String tim = api.token("tim"); // EAST, institution MAIN
        problem(api.get("/patrons/NOPE/fees", tim), 404);
        problem(api.get("/patrons/N1/fees", tim), 404);
        problem(pay(tim, "N1", "1.00", "cash"), 404);
        Answer fee = api.post("/fees/999999/waiver", tim, "{\"reason\":\"x\"}");
        problem(fee, 404);
        assertEquals("UNKNOWN_FEE", fee.text("reason"));
        problem(api.post("/fees/999999/disputes", tim, "{\"note\":\"x\"}"), 404);
        problem(api.get("/payments/999999/receipt", tim), 404);
        problem(api.get("/cashier/summary?library=NORTH&date=2026-11-02", tim), 404);
        problem(api.get("/cashier/summary?library=NOPE&date=2026-11-02", tim), 404);

        String root = api.token("root");
        long north = assess(root, "N1", "1.00");
        long payment = pay(root, "N1", "1.00", "cash").json().path("payment_id").asLong();
        problem(api.post("/fees/" + north + "/refund", tim, "{\"amount\":" + money("1.00") + ",\"reason\":\"x\"}"), 404);
        problem(api.get("/payments/" + payment + "/receipt", tim), 404);
        assertEquals(200, api.get("/payments/" + payment + "/receipt", root).status());
    }

    // ------------------------------------------------------------------ disputes

    @Test
    void aDisputedFeeNoLongerBlocksAtASip2KioskUntilTheDisputeIsRejected() throws Exception {
        String tim = api.token("tim");
        long fee = assess(tim, "K1", "12.00");
        Sip2Requests rq = new Sip2Requests(clock, "MAIN");
        try (Sip2Client kiosk = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            assertEquals("1", kiosk.send(rq.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK));
            String blocked = status(kiosk, rq);
            assertEquals('Y', blocked.charAt(0), "charge privileges denied: " + blocked);
            assertEquals('Y', blocked.charAt(11), "excessive outstanding fees: " + blocked);

            Answer opened = api.post("/fees/" + fee + "/disputes", tim, "{\"note\":\"patron says it was returned\"}");
            assertEquals(201, opened.status(), opened.raw().body());
            assertEquals("open", opened.text("state"));
            long dispute = opened.json().path("dispute_id").asLong();
            String free = status(kiosk, rq);
            assertEquals(' ', free.charAt(0), "a disputed fee does not block (SIP2 leaves a granted privilege blank): " + free);
            assertEquals(' ', free.charAt(11), free);
            assertEquals("1", kiosk.send(rq.checkout("K1", "FI1", PIN)).fixed(FixedField.OK), "the kiosk lends again");
            JsonNode listed = api.get("/patrons/K1/fees", tim).json();
            assertTrue(listed.path("fees").get(0).path("disputed").asBoolean(), listed.toString());
            assertEquals("0.00", amount(listed.path("blocking_balance")), listed.toString());
            assertEquals("12.00", amount(listed.path("balance")), listed.toString());
            Answer second = api.post("/fees/" + fee + "/disputes", tim, "{\"note\":\"again\"}");
            problem(second, 409);
            assertTrue(second.text("detail").contains("open dispute"), second.raw().body());

            Answer rejected = api.post("/fees/" + fee + "/disputes/" + dispute + "/resolution", tim,
                    "{\"outcome\":\"rejected\",\"note\":\"the loan record is clear\"}");
            assertEquals(200, rejected.status(), rejected.raw().body());
            assertEquals("rejected", rejected.text("state"));
            assertEquals("tim", rejected.text("resolved_by"));
            String again = status(kiosk, rq);
            assertEquals('Y', again.charAt(0), "a rejected dispute blocks again: " + again);
            problem(api.post("/fees/" + fee + "/disputes/" + dispute + "/resolution", tim, "{\"outcome\":\"upheld\",\"note\":\"x\"}"), 409);
            problem(api.post("/fees/" + fee + "/disputes/999999/resolution", tim, "{\"outcome\":\"upheld\",\"note\":\"x\"}"), 404);
        }
        List<CirculationEvent> steps = events(EventType.FEE_DISPUTED);
        assertTrue(steps.stream().anyMatch(e -> "tim".equals(e.actor()) && e.detail().contains("note=patron says it was returned")), steps.toString());
        assertTrue(events(EventType.FEE_DISPUTE_RESOLVED).stream().anyMatch(e -> e.detail().contains("state=open->rejected")));
    }

    private static String status(Sip2Client kiosk, Sip2Requests rq) throws Exception {
        Sip2Message info = kiosk.send(rq.patronInformation("K1", PIN, -1, null, null));
        return info.fixed(FixedField.PATRON_STATUS);
    }

    @Test
    void anUpheldDisputeWaivesWhatTheFeeStillOwes() throws Exception {
        String grace = api.token("grace");
        long fee = assess(grace, "F6", "8.00");
        assertEquals(201, pay(grace, "F6", "3.00", "cash").status());
        long dispute = api.post("/fees/" + fee + "/disputes", grace, "{\"note\":\"damaged before loan\"}").json().path("dispute_id").asLong();
        Answer upheld = api.post("/fees/" + fee + "/disputes/" + dispute + "/resolution", grace, "{\"outcome\":\"UPHELD\",\"note\":\"photo on file\"}");
        assertEquals(200, upheld.status(), upheld.raw().body());
        assertEquals("upheld", upheld.text("state"));
        assertEquals("0.00", amount(upheld.json().path("fee_outstanding")));
        JsonNode line = api.get("/patrons/F6/fees?status=all", grace).json().path("fees").get(0);
        assertEquals("5.00", amount(line.path("waived")), line.toString());
        assertEquals("3.00", amount(line.path("paid")), line.toString());
        assertEquals("upheld", line.path("dispute").path("state").asText(), line.toString());
    }

    // ------------------------------------------------------------------ the cashier's day

    @Test
    void theCashierSummaryTotalsTheLibrarysDayByPaymentTypeAndStaff() throws Exception {
        String wanda = api.token("wanda");
        String walt = api.token("walt");
        long fee = assess(wanda, "C1", "20.00");
        assertEquals(201, pay(wanda, "C1", "2.00", "cash").status());
        assertEquals(201, pay(wanda, "C1", "3.00", "card").status());
        assertEquals(201, pay(walt, "C1", "1.50", "cash").status());
        assertEquals(201, api.post("/fees/" + fee + "/waiver", walt, "{\"amount\":" + money("4.00") + ",\"reason\":\"hardship\"}").status());
        assertEquals(201, api.post("/fees/" + fee + "/refund", wanda, "{\"amount\":" + money("0.50") + ",\"reason\":\"miscount\"}").status());

        Answer day = api.get("/cashier/summary?library=WEST&date=2026-11-02", wanda);
        assertEquals(200, day.status(), day.raw().body());
        assertEquals("WEST", day.text("library"));
        assertEquals("2026-11-02", day.text("date"));
        assertEquals(3, day.json().path("payments").asInt());
        assertEquals("6.50", amount(day.json().path("paid")));
        assertEquals("4.00", amount(day.json().path("waived")));
        assertEquals("0.50", amount(day.json().path("refunded")));
        JsonNode types = day.json().path("by_payment_type");
        assertEquals("card", types.get(0).path("payment_type").asText(), types.toString());
        assertEquals("3.00", amount(types.get(0).path("total")));
        assertEquals("cash", types.get(1).path("payment_type").asText());
        assertEquals(2, types.get(1).path("count").asInt());
        assertEquals("3.50", amount(types.get(1).path("total")));
        JsonNode staff = day.json().path("by_staff");
        assertEquals("walt", staff.get(0).path("staff").asText(), staff.toString());
        assertEquals("4.00", amount(staff.get(0).path("waived")));
        assertEquals("wanda", staff.get(1).path("staff").asText());
        assertEquals(2, staff.get(1).path("payments").asInt());
        assertEquals("0.50", amount(staff.get(1).path("refunded")));

        assertEquals(day.json(), api.get("/cashier/summary?date=2026-11-02", wanda).json(), "a scoped account's own library by default");
        assertEquals(0, api.get("/cashier/summary?library=WEST&date=2026-11-03", wanda).json().path("payments").asInt());
    }

    // ------------------------------------------------------------------ desk checkout override

    @Test
    void aLibrarianOverridesABlockedPatronAtTheDeskAndATechnicianMayNot() throws Exception {
        Outcome<?> blocked = gateway.port().execute(new Commands.BlockPatron(RequestContext.of(Channel.DESK, "test", "MAIN"), "O1",
                "address unknown", false)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(blocked.isSuccess(), blocked.toString());
        String grace = api.token("grace");
        String tim = api.token("tim");

        Answer refused = api.post("/checkouts", grace, "{\"patron\":\"O1\",\"item\":\"FI2\"}");
        problem(refused, 409);
        assertEquals("PATRON_BLOCKED", refused.text("reason"));
        assertTrue(refused.json().path("overridable").asBoolean(), refused.raw().body());

        Answer denied = api.post("/checkouts", tim, "{\"patron\":\"O1\",\"item\":\"FI2\",\"override\":{\"reason\":\"known patron\"}}");
        problem(denied, 403);
        assertTrue(denied.text("detail").contains("override"), denied.raw().body());
        invalid(api.post("/checkouts", grace, "{\"patron\":\"O1\",\"item\":\"FI2\",\"override\":{}}"), "override.reason");

        Answer out = api.post("/checkouts", grace, "{\"patron\":\"O1\",\"item\":\"FI2\",\"override\":{\"reason\":\"address confirmed by phone\"}}");
        assertEquals(201, out.status(), out.raw().body());
        assertEquals("FI2", out.json().path("item").path("barcode").asText());
        CirculationEvent e = events(EventType.CHECKOUT_OVERRIDE).stream().filter(x -> x.detail().contains("address confirmed")).findFirst()
                .orElseThrow();
        assertEquals("grace", e.actor());
        assertTrue(e.detail().contains("PATRON_BLOCKED"), e.detail());

        Answer taken = api.post("/checkouts", grace, "{\"patron\":\"O2\",\"item\":\"FI2\",\"override\":{\"reason\":\"please\"}}");
        problem(taken, 409);
        assertEquals("ITEM_CHECKED_OUT_TO_OTHER", taken.text("reason"));
        assertFalse(taken.json().path("overridable").asBoolean(true), taken.raw().body());
    }

    @Test
    void theFeeBlockIsOverriddenOnlyWithTheReasonRecorded() throws Exception {
        String grace = api.token("grace");
        assess(grace, "F7", "10.00");
        Answer refused = api.post("/checkouts", grace, "{\"patron\":\"F7\",\"item\":\"FI3\"}");
        problem(refused, 409);
        assertEquals("EXCESSIVE_FINES", refused.text("reason"));
        assertTrue(refused.json().path("overridable").asBoolean(), refused.raw().body());
        Answer out = api.post("/checkouts", grace, "{\"patron\":\"F7\",\"item\":\"FI3\",\"override\":{\"reason\":\"will pay tomorrow\"}}",
                "Idempotency-Key", "ovr-1");
        assertEquals(201, out.status(), out.raw().body());
        assertTrue(events(EventType.CHECKOUT_OVERRIDE).stream().anyMatch(x -> x.detail().contains("EXCESSIVE_FINES")
                && x.detail().contains("reason=will pay tomorrow")));
    }
}
